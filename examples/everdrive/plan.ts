// Prints the EverDrive pipeline's SQL, one statement per block ending in `;`.
//   npm run plan [-- --reveal-secrets]
// Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (the guide's placeholders when unset) and are
// masked as *** unless --reveal-secrets is given.
import { renderPlan } from '../../src/index.js';
import { configFromEnv, everdrivePipeline } from './pipeline.js';

const revealSecrets = process.argv.includes('--reveal-secrets');
process.stdout.write(renderPlan(everdrivePipeline(configFromEnv()), { revealSecrets }));
