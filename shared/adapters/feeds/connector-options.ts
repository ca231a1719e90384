// What every connector is built with. Kept apart from the registry, which imports every connector.
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from './http-get';
import { DEFAULT_API_OPTIONS, type ApiOptions } from './json-api';

export interface ConnectorOptions {
  /** Folder that relative source paths are read from (the config file's folder). */
  baseDir: string;
  limits?: HttpLimits;
  /**
   * Hosts that may be reached although they resolve to a loopback or private address: the
   * profile's `network.allowHosts`, and 127.0.0.1 in local mode and tests.
   */
  allowHosts?: readonly string[];
  /** How APIs are paced and retried; tests shorten the pauses. */
  api?: Partial<ApiOptions>;
}

/** The HTTP limits of a connector, its allowed hosts added to those the limits already allow. */
export function httpLimitsOf(options: ConnectorOptions): HttpLimits {
  const limits = options.limits ?? DEFAULT_HTTP_LIMITS;
  return { ...limits, allowHosts: [...limits.allowHosts, ...(options.allowHosts ?? [])] };
}

/** The API options of a connector: the defaults, its HTTP limits, then any override. */
export function apiOptionsOf(options: ConnectorOptions): ApiOptions {
  return { ...DEFAULT_API_OPTIONS, limits: httpLimitsOf(options), ...options.api };
}
