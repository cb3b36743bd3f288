/** Tasks domain: model (zod), pure state/categories/rates, authority rules. */
export * from './model';
export * from './state';
export * from './authority';
