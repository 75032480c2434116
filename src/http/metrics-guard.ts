import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/config.types';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Who may scrape /metrics. Its series are operational, but their movement right after a subject
 * view hints at the systems that were asked, so in production only a scraper holding METRICS_TOKEN
 * reads them (never a GraphQL token), and without METRICS_TOKEN they are not served at all.
 * Outside production /metrics is open unless METRICS_TOKEN is set.
 */
export function metricsGuard(config: Pick<AppConfig, 'production' | 'metricsToken'>) {
  const expected = config.metricsToken === null ? null : digest(config.metricsToken);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (expected === null) {
      if (!config.production) {
        next();
        return;
      }
      res.status(403).json({ error: 'metrics are not served in production without METRICS_TOKEN' });
      return;
    }
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
    // Fixed-length digests compared in constant time: timing does not reveal a matching prefix.
    if (presented !== undefined && timingSafeEqual(digest(presented), expected)) {
      next();
      return;
    }
    res
      .status(401)
      .set('www-authenticate', 'Bearer realm="metrics"')
      .json({ error: 'metrics need "Authorization: Bearer <METRICS_TOKEN>"' });
  };
}
