/** Consultations (lấy ý kiến) and requests upward: model, positions as of a date, vagueness check, reconciliation gate, authority, accountability figures. */
export * from './model';
export * from './positions';
export * from './vagueness';
export * from './reconciliation';
export * from './authority';
export * from './accountability';
export * from './fields';
