// The stylesheet of the server's pages, served as /assets/pages.css (the pages'
// Content-Security-Policy allows nothing inline).
export const PAGES_CSS = `
:root { color-scheme: light dark; --accent: #3358d4; --error: #c62828; --muted: #6b7280; }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; font: 16px/1.5 system-ui, sans-serif; background: Canvas; color: CanvasText; }
main { width: min(26rem, 100% - 2rem); padding: 2rem; border: 1px solid color-mix(in srgb, CanvasText 15%, transparent); border-radius: 12px; }
h1 { margin: 0 0 .25rem; font-size: 1.4rem; }
p { margin: .5rem 0 1rem; }
.muted { color: var(--muted); font-size: .9rem; }
label { display: block; margin: .75rem 0 .25rem; font-weight: 600; }
input { width: 100%; padding: .55rem .7rem; font: inherit; border: 1px solid color-mix(in srgb, CanvasText 30%, transparent); border-radius: 8px; background: Field; color: FieldText; }
button { margin-top: 1.25rem; width: 100%; padding: .6rem; font: inherit; font-weight: 600; color: white; background: var(--accent); border: 0; border-radius: 8px; cursor: pointer; }
button:focus-visible, input:focus-visible { outline: 3px solid color-mix(in srgb, var(--accent) 50%, transparent); outline-offset: 1px; }
.error { padding: .6rem .8rem; border-radius: 8px; color: var(--error); background: color-mix(in srgb, var(--error) 10%, transparent); }
.done { padding: .6rem .8rem; border-radius: 8px; background: color-mix(in srgb, var(--accent) 10%, transparent); }
`;
