import { N8N_V1, N8N_V2 } from '../../scripts/n8n/runtime';
import { queueModeScenarios } from './queueMode';

describe(`real n8n ${N8N_V2} in queue mode (Redis, 2 workers, PostgreSQL)`, () => {
	queueModeScenarios(N8N_V2, 15800);
});

describe(`real n8n ${N8N_V1} in queue mode (Redis, 2 workers, PostgreSQL)`, () => {
	queueModeScenarios(N8N_V1, 15850);
});
