import type { Channel, ParsedRequestOf, ResponseOf } from '@shared/ipc/contract';

export interface HandlerContext {
  /** URL of the frame that sent the call, already checked against the app origin. */
  senderUrl: string;
}

export type Handler<C extends Channel> = (request: ParsedRequestOf<C>, ctx: HandlerContext) => Promise<ResponseOf<C>>;

export type HandlerTable = { [C in Channel]: Handler<C> };

/** A feature's slice of the table. */
export type Handlers<C extends Channel> = { [K in C]: Handler<K> };
