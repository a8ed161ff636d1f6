/** The token request as an equivalent curl command (secrets already replaced by "***"). Pure. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_\-./:=@%+,]+$/.test(value)) return `'${value}'`;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(tokenUrl: string, redactedFields: ReadonlyArray<readonly [string, string]>): string {
  const lines = [
    `curl -sS -X POST ${shellQuote(tokenUrl)}`,
    `  -H 'Accept: application/json'`,
    `  -H 'Content-Type: application/x-www-form-urlencoded'`,
    ...redactedFields.map(([k, v]) => `  --data-urlencode ${shellQuote(`${k}=${v}`)}`),
  ];
  return lines.join(" \\\n");
}
