export * from './escalation';
export * from './centre';
export * from './chairReport';
