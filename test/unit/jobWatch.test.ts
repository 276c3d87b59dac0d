import { compareJobs, FORGET_AFTER_MS, historyFrom, HISTORY_MARGIN_MS, type JobWatchState } from '../../nodes/ScnetTrigger/jobWatch';

const NOW = Date.UTC(2026, 11, 2, 6, 0, 0);
const MINUTE = 60000;
const state = (extra: Partial<JobWatchState> = {}): JobWatchState => ({ scope: 's', startedAt: NOW - 60 * MINUTE, polledAt: NOW - 5 * MINUTE, seen: {}, done: {}, ...extra });

describe('compareJobs', () => {
	it('records only on the first poll, even jobs that finished', () => {
		const { changes, state: next } = compareJobs(undefined, [{ jobId: '1', state: 'Completed' }], [], { now: NOW, from: NOW - HISTORY_MARGIN_MS });

		expect(changes).toEqual([]);
		expect(next).toEqual({ startedAt: NOW, polledAt: NOW, seen: { '1': ['Completed', NOW] }, done: {} });
	});

	it('reports a change once: finished only when the state first becomes final', () => {
		const previous = state({ seen: { '1': ['Running', NOW - 5 * MINUTE], '2': ['Completed', NOW - 5 * MINUTE] } });
		const { changes } = compareJobs(previous, [{ jobId: '1', state: 'Failed' }, { jobId: '2', state: 'Failed' }], [], { now: NOW, from: NOW - 20 * MINUTE });

		expect(changes).toEqual([
			{ jobId: '1', state: 'Failed', previousState: 'Running', finished: true },
			{ jobId: '2', state: 'Failed', previousState: 'Completed', finished: false },
		]);
	});

	it('keeps a job that left the realtime list until history has it, then forgets it and remembers it as done', () => {
		const previous = state({ seen: { '1': ['Running', NOW - 5 * MINUTE] } });
		const kept = compareJobs(previous, [], [], { now: NOW, from: NOW - 20 * MINUTE });
		expect(kept.changes).toEqual([]);
		expect(kept.state.seen).toEqual({ '1': ['Running', NOW - 5 * MINUTE] });

		const ended = compareJobs(previous, [], [{ jobId: '1', state: 'Completed', endedAt: NOW - 2 * MINUTE }], { now: NOW, from: NOW - 20 * MINUTE });
		expect(ended.changes).toEqual([{ jobId: '1', state: 'Completed', previousState: 'Running', finished: true }]);
		expect(ended.state.seen).toEqual({});
		expect(ended.state.done).toEqual({ '1': NOW - 2 * MINUTE });
	});

	it('forgets, without an event, a job history never shows within 30 days', () => {
		const previous = state({ seen: { '1': ['Queued', NOW - FORGET_AFTER_MS - 1] } });
		const { changes, state: next } = compareJobs(previous, [], [], { now: NOW, from: NOW - 20 * MINUTE });

		expect(changes).toEqual([]);
		expect(next.seen).toEqual({});
	});

	it('reports a job only history holds once, if it ended after watching began; never one it has dealt with', () => {
		const previous = state({ done: { '3': NOW - 10 * MINUTE } });
		const history = [
			{ jobId: '1', state: 'Completed' as const, endedAt: NOW - 3 * MINUTE },
			{ jobId: '2', state: 'Failed' as const, endedAt: previous.startedAt - 5 * MINUTE },
			{ jobId: '3', state: 'Completed' as const, endedAt: NOW - 10 * MINUTE },
		];
		const first = compareJobs(previous, [], history, { now: NOW, from: NOW - 20 * MINUTE });

		expect(first.changes).toEqual([{ jobId: '1', state: 'Completed', previousState: null, finished: true }]);
		expect(Object.keys(first.state.done).sort()).toEqual(['1', '2', '3']);
		const again = compareJobs({ scope: 's', ...first.state }, [], history, { now: NOW + MINUTE, from: NOW - 19 * MINUTE });
		expect(again.changes).toEqual([]);
	});

	it('drops what it dealt with once no later window can show it again', () => {
		const previous = state({ done: { old: NOW - 60 * MINUTE, recent: NOW - 10 * MINUTE } });
		const { state: next } = compareJobs(previous, [], [], { now: NOW, from: NOW - 20 * MINUTE });

		expect(next.done).toEqual({ recent: NOW - 10 * MINUTE });
	});
});

describe('historyFrom', () => {
	it('reads from before the last poll, and before any job that left the realtime list was last listed', () => {
		const previous = state({ polledAt: NOW - 5 * MINUTE, seen: { gone: ['Running', NOW - 30 * MINUTE], listed: ['Running', NOW - 90 * MINUTE] } });

		expect(historyFrom(previous, new Set(['listed']), NOW)).toBe(NOW - 30 * MINUTE - HISTORY_MARGIN_MS);
		expect(historyFrom(undefined, new Set(), NOW)).toBe(NOW - HISTORY_MARGIN_MS);
	});
});
