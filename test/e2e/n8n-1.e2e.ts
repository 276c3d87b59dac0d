import { N8N_V1 } from '../../scripts/n8n/runtime';
import { realN8nScenarios } from './scenarios';

// n8n 1.x still runs on Node 20, so users who have not moved to 2.x are covered too.
describe(`real n8n ${N8N_V1} (Node 20)`, () => {
	realN8nScenarios(N8N_V1, 15710);
});
