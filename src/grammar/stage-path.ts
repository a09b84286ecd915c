/**
 * What the bare `@stage/path` token cannot hold: white space (the engine's, which counts U+0085 as JavaScript's `\s`
 * does not), quotes, backticks, semicolons, parentheses (LiteralAtString in databendlabs/databend
 * src/query/ast/src/parser/token.rs) and commas (`LIST @s/a,b/` is 1005 on the pinned engine).
 */
export const NOT_IN_BARE_STAGE_PATH = /[\s\u0085,;'"`()]/u;
