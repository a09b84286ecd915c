/** How a statement is rendered. */
export interface RenderOptions {
  /**
   * Print credentials as '***'. The client renders with secrets revealed (the engine needs them); plans, logs
   * and error messages render masked.
   */
  readonly maskSecrets?: boolean;
}
