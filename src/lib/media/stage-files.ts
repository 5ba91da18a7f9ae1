/** The files the media stage keeps in its cache folder (`PRESS_MEDIA_CACHE_DIR`). */

/** What this build's pages link to (manifest.ts); the publish step reads it too. */
export const MANIFEST_FILE = 'manifest.json';
/** Everything made on this machine, by input hash, so other branches' builds find it. */
export const RECORDS_FILE = 'records.json';
/** The last run's counts and time, for the build log and the benchmark. */
export const REPORT_FILE = 'last-stage.json';
/** Made files, by object key. */
export const OBJECTS_DIR = 'objects';
/** SHA-256 of each original by path, size and time, so an unchanged photo is not hashed again. */
export const ORIGINAL_HASHES_FILE = 'original-hashes.json';
