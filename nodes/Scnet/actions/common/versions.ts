import type { DisplayCondition } from 'n8n-workflow';

/*
 * The node's versions, and what each changed. A saved workflow keeps the version it was made
 * with, so each change of behaviour or of a field's shape comes with a version.
 */

/** From version 2, Delete and Stop have 'Preview' instead of Options → Dry Run, and a new node opens on Get Many. */
export const PREVIEW_VERSION = 2;

/** From version 3: one `error` object on every failure, simplified outputs by default, fields an AI agent can fill. */
export const AGENT_VERSION = 3;

/** An '@version' display condition for this version and every later one. */
export const fromVersion = (version: number): Array<number | DisplayCondition> => [{ _cnd: { gte: version } }];

/** An '@version' display condition for the versions before this one. */
export const beforeVersion = (version: number): Array<number | DisplayCondition> => [{ _cnd: { lt: version } }];
