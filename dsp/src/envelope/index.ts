export { ENVELOPE_BLOCK_S, pooledDb, centreBlocks, stepsBetween } from './pool';
export { levelPower, storeEnvelope, storedBlocks, storedFrames, storedLevels, STORED_BLOCK_BYTES } from './stored';
export { queryEnvelope, QUERY_STEPS, searchedSteps, type QueryEnvelope, type HeardSteps } from './query';
