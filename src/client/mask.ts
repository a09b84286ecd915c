// The masking the client applies, shared with masked rendering (render/secrets.ts) so that a masked compile, a plan
// and the client's events show a statement the same way.
export { collectSecrets, maskSqlSecrets, maskSqlText, scrub, secretsInSql } from '../render/secrets.js';
