const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2430; }
  main { max-width: 760px; margin: 48px auto; background: #fff; padding: 32px 40px;
         border-radius: 10px; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
  h1 { font-size: 1.5rem; margin-top: 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 20px; }
  dt { color: #5b6575; } dd { margin: 0; font-weight: 600; }
  pre { background: #0f1720; color: #d7e2f0; padding: 16px; border-radius: 8px; overflow: auto;
        font-size: 13px; }
  a.button { display: inline-block; background: #2458d3; color: #fff; padding: 10px 18px;
             border-radius: 6px; text-decoration: none; font-weight: 600; }
  .code { font-family: ui-monospace, monospace; color: #a3261b; }
`;

/** A whole page around some already-escaped body HTML. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · identity-bus</title>
<style>${STYLE}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}
