import "./style.css";

const root = document.querySelector<HTMLElement>("#app");
if (!root) {
  throw new Error("index.html must contain an element with id=app");
}

root.innerHTML = `
  <h1>It works</h1>
  <p>Edit <code>src/main.ts</code> and redeploy to see your changes.</p>
  <button type="button" id="counter">Clicked 0 times</button>
`;

const button = root.querySelector<HTMLButtonElement>("#counter");
let clicks = 0;
button?.addEventListener("click", () => {
  clicks += 1;
  button.textContent = `Clicked ${clicks} ${clicks === 1 ? "time" : "times"}`;
});
