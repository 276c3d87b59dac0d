/*
 * The trigger's versions, and what each changed. A saved workflow keeps the version it was made
 * with, so its items and fields stay as they were.
 */

/** From version 2: items are simplified by default ('Simplify'), and 'Running Longer Than (Hours)' takes whole hours. */
export const TRIGGER_SIMPLIFY_VERSION = 2;
