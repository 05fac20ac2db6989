// The theme is applied before the first paint by an inline script in the root layout, so a dark page never flashes
// white. The choice lives in localStorage; without one the system preference decides.
export const THEME_STORAGE_KEY = "zerobyte.theme";

export const themeScript = `try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;
