/** A GitHub-flavoured markdown table: the first row is the header. */
export function markdownTable(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const [head, ...body] = rows;
  return [
    `| ${(head ?? []).join(' | ')} |`,
    `|${(head ?? []).map(() => '---').join('|')}|`,
    ...body.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
