// The history of identifications: stored on the device (store.ts), held by the page with
// undoable deletes (book.svelte.ts), grouped by song, searched, exported.
export { addEntry, deleteEntries, listEntries, type HistoryEntry } from './store';
export { HistoryBook, UNDO_MS, type Deletion } from './book.svelte';
export { groupEntries, songKey, type HistoryGroup } from './group';
export { fold, matchesQuery } from './search';
export { CSV_FIELDS, csvField, toCsv, toJson } from './export';
export { entryFacts, entryLabel, when } from './words';
