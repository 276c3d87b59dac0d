import type { IDataObject } from 'n8n-workflow';

import { readDateTime } from '../shared/helpers/dates';

/*
 * What the trigger remembers between polls, and what changed since. Kept in the workflow's static
 * data, so it must stay small: per container only its status, since when it has been running (in
 * this run of it), and whether it was already reported as running too long.
 */

/** `[status, running since (epoch ms), reported as running too long]` per container ID. */
type Seen = [status: string, runningSince?: number, reported?: 1];

export interface WatchState {
	/** The account and region the state is about (`ScnetClient.scope`); absent in states written before 0.5.0. */
	scope?: string;
	seen: Record<string, Seen>;
}

export type Change =
	| { kind: 'containerCreated'; container: IDataObject }
	| { kind: 'statusChanged'; container: IDataObject; previousStatus: string }
	| { kind: 'runningTooLong'; container: IDataObject; runningSince: number };

export interface WatchOptions {
	now: number;
	/** The zone SCNet's zone-less times are in. */
	zone: string;
	/** Running longer than this counts as too long. */
	tooLongMs: number;
	/** Containers of the last state, not listed now, that SCNet confirmed gone; the others not listed are kept as they were. */
	gone: ReadonlySet<string>;
	/** The status a gone one is reported with: 'Deleted' (containers) unless given, 'Released' for notebooks. */
	goneStatus?: string;
}

/** Whether `value` is a state this trigger wrote (anything else is started afresh). */
export function isWatchState(value: unknown): value is WatchState {
	return !!value && typeof value === 'object' && !!(value as WatchState).seen && typeof (value as WatchState).seen === 'object';
}

/**
 * Compares the containers listed now with the state of the last poll. Returns what changed and
 * the next state. A container of the last state that is not listed now is reported 'Deleted'
 * only when it is in `gone`; otherwise it is kept as it was, so that when it comes back it is
 * neither "created" nor missed. The state holds only containers that exist or may still exist,
 * so it never grows beyond the account. Without a previous state (the first poll) nothing has
 * changed: what exists is only recorded.
 */
export function watch(previous: WatchState | undefined, containers: IDataObject[], { now, zone, tooLongMs, gone, goneStatus = 'Deleted' }: WatchOptions): { changes: Change[]; state: WatchState } {
	const changes: Change[] = [];
	const seen: Record<string, Seen> = {};
	for (const container of containers) {
		const id = String(container.id);
		if (id in seen) continue;
		const status = String(container.status ?? '');
		const before = previous?.seen[id];
		if (previous && !before) changes.push({ kind: 'containerCreated', container });
		if (before && before[0] !== status) changes.push({ kind: 'statusChanged', container, previousStatus: before[0] });
		if (status !== 'Running') {
			seen[id] = [status];
			continue;
		}
		// The run started when SCNet says; else when it was first seen running in this run of it.
		const started = readDateTime(container.startTime, zone)?.getTime();
		const runningSince = started ?? (before?.[0] === 'Running' ? before[1] : undefined) ?? now;
		const reported = before?.[0] === 'Running' && before[2] === 1;
		const tooLong = now - runningSince > tooLongMs;
		if (previous && tooLong && !reported) changes.push({ kind: 'runningTooLong', container, runningSince });
		seen[id] = reported || (previous && tooLong) ? [status, runningSince, 1] : [status, runningSince];
	}
	if (previous) {
		for (const [id, before] of Object.entries(previous.seen)) {
			if (id in seen) continue;
			if (gone.has(id)) changes.push({ kind: 'statusChanged', container: { id, status: goneStatus }, previousStatus: before[0] });
			else seen[id] = before;
		}
	}
	return { changes, state: { seen } };
}
