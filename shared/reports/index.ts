/** Reports, ranking and accountability: periods, the report model and computation, snapshots, exports, ranking formula, records. */
export * from './period';
export * from './model';
export * from './compute';
export * from './snapshot';
export * from './ranking';
export * from './export';
export * from './accountability';
export * from './decisions';
