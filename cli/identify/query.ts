// What a file says to /identify: what the app would send after hearing it (common/limits.ts
// LISTEN_LIMIT_S of it unless --duration says otherwise), packed by the app's own policy
// (dsp records.ts fitRecords) into one body.
import { IDENTIFY_MAX_BYTES } from '../../common/limits';
import { wireRecordsIn } from '../../common/wire';
import { fitRecords, type HashBatch } from '../../dsp/src/index';

export const question = (b: HashBatch): HashBatch => fitRecords([b], wireRecordsIn(IDENTIFY_MAX_BYTES));
