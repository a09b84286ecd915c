// Corpus family `index`: SDK expressions of the documentation's examples, and what the others lack.
import { createIndex, dropIndex, invertedIndex, ngramIndex, refreshIndex, vectorIndex } from '../../../src/index.js';
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {
  'index-001': () => createIndex(invertedIndex('logs_message_idx', ['message']), 'logs'),
  'index-002': () => refreshIndex('INVERTED', 'logs_message_idx', 'logs'),
  'index-003': () => createIndex(invertedIndex('event_message_fulltext', ['event_message']), 'k8s_logs'),
  'index-004': () => createIndex(ngramIndex('logs_message_idx', ['message'], { gramSize: 3 }), 'logs'),
  'index-005': () => createIndex(ngramIndex('ngram_idx_content', ['content'], { gramSize: 3 }), 't_articles'),
  'index-006': () => createIndex(invertedIndex('user_comments_idx', ['comment_text']), 'user_comments'),
  'index-007': () =>
    createIndex(
      invertedIndex('product_reviews_idx', ['review_text'], {
        tokenizer: 'chinese',
        filters: ['english_stop', 'english_stemmer', 'chinese_stop'],
        indexRecord: 'basic',
      }),
      'product_reviews',
    ),
  'index-008': () => createIndex(invertedIndex('customer_feedback_idx', ['comment_title', 'comment_body']), 'customer_feedback'),
  'index-009': () =>
    createIndex(
      invertedIndex('idx_books', ['title', 'author', 'description'], { tokenizer: 'chinese', filters: ['english_stop', 'english_stemmer', 'chinese_stop'] }),
      'books',
    ),
  'index-010': () => dropIndex('INVERTED', 'customer_feedback_idx', 'customer_feedback'),
  'index-011': () => createIndex(invertedIndex('customer_feedback_idx', ['body']), 'customer_feedback'),
  'index-012': () => refreshIndex('INVERTED', 'customer_feedback_idx', 'customer_feedback'),
  'index-013': () => createIndex(ngramIndex('idx_description', ['description']), 'products'),
  'index-014': () => dropIndex('NGRAM', 'idx_text', 'phrases'),
  'index-015': () => dropIndex('NGRAM', 'idx1', 'amazon_reviews_ngram'),
  'index-017': () => refreshIndex('NGRAM', 'idx1', 'amazon_reviews_ngram'),
  'index-018': () =>
    createIndex(vectorIndex('idx_product_embedding', ['embedding'], { distance: ['cosine', 'l1', 'l2'], m: 20, efConstruct: 150 }), 'products'),
  'index-019': () => dropIndex('VECTOR', 'idx_embedding', 'articles'),
  'index-020': () => dropIndex('VECTOR', 'idx_embedding', 'articles').ifExists(),
  'index-021': () => createIndex(vectorIndex('idx_embedding', ['embedding'], { distance: ['cosine'] }), 'products'),
  'index-022': () => refreshIndex('VECTOR', 'idx_embedding', 'products'),
};

export const missing: Missing = {};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
