// n8n-core writes its instance settings under the user folder: give every test file a fresh one,
// so no developer's ~/.n8n is touched and no stale encryption key gets in the way.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'scnet-n8n-'));
process.env.N8N_ENCRYPTION_KEY = 'scnet-tests-encryption-key';
// n8n-core logs every node error it sees; the assertions read those errors directly instead.
process.env.N8N_LOG_LEVEL ??= 'silent';
