import { N8N_V2 } from '../../scripts/n8n/runtime';
import { realN8nScenarios } from './scenarios';

describe(`real n8n ${N8N_V2} (Node 24)`, () => {
	realN8nScenarios(N8N_V2, 15700);
});
