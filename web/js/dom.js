// Small DOM helpers shared by the pages' modules.

/** The element with that id. */
export const $ = (id) => document.getElementById(id);
