/**
 * The GraphiQL page, rendered with the UMD builds shipped inside the graphiql and react packages
 * and served by the gateway itself: no CDN, so the IDE works offline.
 */
export const IDE_ASSET_PATH = '/graphql/ide-assets';

function escapeForScript(value: string): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function renderIdePage(options: { endpoint: string; defaultToken: string | null }): string {
  const headers = options.defaultToken ? JSON.stringify({ Authorization: `Bearer ${options.defaultToken}` }, null, 2) : '{\n  "Authorization": "Bearer "\n}';
  const query = [
    '# Privacy gateway. Roles: VIEWER reads; DPO also writes and reads the audit log.',
    '{',
    '  controller { name dpo { name email } }',
    '  processors { name country transferMechanism }',
    '  subjects(first: 5) { edges { node { email firstName lastName consents { purpose legalBasis } } } }',
    '}',
    '',
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Privacy gateway — GraphiQL</title>
<link rel="stylesheet" href="${IDE_ASSET_PATH}/graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the GraphQL IDE…</div>
<script src="${IDE_ASSET_PATH}/react.production.min.js"></script>
<script src="${IDE_ASSET_PATH}/react-dom.production.min.js"></script>
<script src="${IDE_ASSET_PATH}/graphiql.min.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: ${escapeForScript(options.endpoint)} });
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: ${escapeForScript(query)},
    defaultHeaders: ${escapeForScript(headers)},
    headers: ${escapeForScript(headers)},
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'headers',
  }));
</script>
</body>
</html>`;
}
