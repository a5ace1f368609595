// Shown in a plain browser opened without the browser host's access token.
export function MissingTokenPage() {
  return (
    <main className="fullpage">
      <h1>RealMultiLLM</h1>
      <p>
        Open the address printed by <code>npm run start:web</code> (it includes the access token).
      </p>
    </main>
  );
}
