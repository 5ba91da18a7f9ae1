/**
 * Where content is read from. Tests point `PRESS_CONTENT_DIR` at fixture folders so that the
 * real sample content is never modified.
 */
export const contentDir = (process.env.PRESS_CONTENT_DIR ?? './content').replace(/\/$/, '');
