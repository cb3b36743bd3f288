export * from './common';
export * from './followUp';
export * from './deemedAgreement';
export * from './periodicReport';
