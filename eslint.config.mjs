import { globalIgnores } from 'eslint/config';
import { config } from '@n8n/node-cli/eslint';

// n8n's community-node rules (n8n Cloud rules included) apply in full to everything that ships:
// nodes/, credentials/ and package.json. The test suite and the sandbox server are Node programs
// that never ship; they need node:http, process and timers, which those rules forbid. `.tmp/`
// holds what the package test unpacks.
export default [...config, globalIgnores(['test/**', 'sandbox/**', 'scripts/**', '.tmp/**'])];
