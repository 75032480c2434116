/**
 * A configured host root without its trailing slashes, so that `${root}/path` never holds `//`
 * (some vendors' routers answer 404 to a doubled slash).
 */
export function trimTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}
