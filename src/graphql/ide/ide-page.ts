/**
 * The GraphiQL page, rendered with the UMD builds shipped inside the graphiql and react packages
 * and served by the gateway itself: no CDN, so the IDE works offline. Nothing on the page is an
 * inline script or style (the Content-Security-Policy allows only same-origin files): the page's
 * settings travel as inert JSON and ide-boot.js reads them.
 */
export const IDE_ASSET_PATH = '/graphql/ide-assets';

/** JSON that cannot close its <script> element or open a comment, whatever the values hold. */
function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

const DEFAULT_QUERY = [
  '# Privacy gateway. Roles: VIEWER reads; DPO also writes and reads the audit log.',
  '# In demo mode ann.lee@example.edu is in every sandbox: one person, every system, one phone conflict.',
  '{',
  '  controller { name dpo { name email } }',
  '  processors { name country transferMechanism }',
  '  subject(email: "ann.lee@example.edu") {',
  '    firstName lastName phone company',
  '    provenance { field value conflict candidates { value systems } }',
  '    sources { system status error }',
  '    consents(history: true) { action purpose channel legalBasis recordedAt }',
  '    privacyRequests { id type status dueAt }',
  '  }',
  '}',
  '',
].join('\n');

/** Starts GraphiQL with the settings the page carries in #ide-config. */
export const IDE_BOOT_SCRIPT = `(function () {
  var config = JSON.parse(document.getElementById('ide-config').textContent);
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: config.query,
    defaultHeaders: config.headers,
    headers: config.headers,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'headers'
  }));
})();
`;

export const IDE_STYLESHEET = 'html, body, #graphiql { height: 100%; margin: 0; }\n';

export function renderIdePage(options: { endpoint: string; defaultToken: string | null }): string {
  const headers = options.defaultToken
    ? JSON.stringify({ Authorization: `Bearer ${options.defaultToken}` }, null, 2)
    : '{\n  "Authorization": "Bearer "\n}';
  const config = { endpoint: options.endpoint, query: DEFAULT_QUERY, headers };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Privacy gateway — GraphiQL</title>
<link rel="stylesheet" href="${IDE_ASSET_PATH}/graphiql.min.css">
<link rel="stylesheet" href="${IDE_ASSET_PATH}/ide.css">
</head>
<body>
<div id="graphiql">Loading the GraphQL IDE…</div>
<script type="application/json" id="ide-config">${inertJson(config)}</script>
<script src="${IDE_ASSET_PATH}/react.production.min.js"></script>
<script src="${IDE_ASSET_PATH}/react-dom.production.min.js"></script>
<script src="${IDE_ASSET_PATH}/graphiql.min.js"></script>
<script src="${IDE_ASSET_PATH}/ide-boot.js"></script>
</body>
</html>`;
}
