// What every connector is built with. Kept apart from the registry, which imports every connector.
import type { HttpLimits } from './http-get';
import { DEFAULT_API_OPTIONS, type ApiOptions } from './json-api';

export interface ConnectorOptions {
  /** Folder that relative source paths are read from (the config file's folder). */
  baseDir: string;
  limits?: HttpLimits;
  /** How APIs are paced and retried; tests shorten the pauses. */
  api?: Partial<ApiOptions>;
}

/** The API options of a connector: the defaults, the HTTP limits given, then any override. */
export function apiOptionsOf(options: ConnectorOptions): ApiOptions {
  return { ...DEFAULT_API_OPTIONS, ...(options.limits ? { limits: options.limits } : {}), ...options.api };
}
