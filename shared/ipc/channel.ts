import type { z } from 'zod';

export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  req: Req;
  res: Res;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(req: Req, res: Res): ChannelDef<Req, Res> {
  return { req, res };
}
