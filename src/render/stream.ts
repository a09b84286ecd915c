// Owned by the stream/task work in progress: replaced with the real renderer.
import type { CreateStreamStmt } from '../ast/stream.js';
export function renderCreateStream(_s: CreateStreamStmt): string { throw new Error('todo'); }
