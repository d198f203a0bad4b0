// What the keyboard can do on the API reference beyond what Redoc 3 offers. scripts/docs.mjs
// puts this file in the page (redocly/docs-template.hbs, after Redoc's own script). It leans on
// the roles and attributes Redoc gives its parts, not on Redoc's code:
//
// - "Skip to content" moves focus past the menu to the page's content, without changing the
//   address (Redoc reads the address as the page to show).
// - A dropdown (the request example, the sample's language, a response example) opens with
//   Enter, Space or the arrow keys and puts focus on its chosen entry; the arrows, Home and End
//   move between entries, Enter picks one, Escape and Tab close it, and focus goes back to the
//   button that opened it.
// - The search box is a button the Tab key reaches.
// - On a phone, the open menu holds focus: what lies behind it is inert, and Escape closes it.
(() => {
  const dropdownButton = '[data-component-name="Dropdown/Dropdown"] [aria-haspopup="menu"]';
  const entry = '[role="menuitem"]';
  /** The button of the dropdown open now, and the entries of its menu. */
  let open = null;

  const visible = (element) => element.getClientRects().length > 0;

  /** The entries a dropdown's button shows, once its menu is open (Redoc may render it in <body>). */
  function entriesOf(button) {
    const dropdown = button.closest('[data-component-name="Dropdown/Dropdown"]');
    const inside = [...dropdown.querySelectorAll(entry)].filter(visible);
    if (inside.length > 0) return inside;
    const portals = [...document.body.children].filter((child) => !child.contains(dropdown) && child.querySelector(entry));
    return portals.length > 0 ? [...portals.at(-1).querySelectorAll(entry)].filter(visible) : [];
  }

  /** Focuses an entry of `button`'s menu once Redoc has drawn it: `pick` chooses which. */
  function enterMenu(button, pick) {
    requestAnimationFrame(() => {
      const entries = entriesOf(button);
      if (button.getAttribute("aria-expanded") !== "true" || entries.length === 0) return;
      open = button;
      for (const item of entries) item.tabIndex = -1;
      pick(entries).focus();
    });
  }

  const chosen = (entries) => entries.find((item) => item.classList.contains("active") || item.getAttribute("aria-checked") === "true") ?? entries[0];

  function closeMenu({ focusButton }) {
    const button = open;
    open = null;
    if (!button) return;
    if (button.getAttribute("aria-expanded") === "true") button.click();
    if (focusButton) button.focus();
  }

  function onButtonKey(event, button) {
    const expanded = button.getAttribute("aria-expanded") === "true";
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!expanded) button.click();
      enterMenu(button, event.key === "ArrowDown" ? chosen : (entries) => entries.at(-1));
    } else if ((event.key === "Enter" || event.key === " ") && !expanded) {
      // Redoc opens the menu on this key itself; focus follows once it is drawn.
      enterMenu(button, chosen);
    }
  }

  function onEntryKey(event) {
    const entries = entriesOf(open);
    const at = entries.indexOf(document.activeElement);
    const moveTo = (index) => {
      event.preventDefault();
      entries[(index + entries.length) % entries.length].focus();
    };
    switch (event.key) {
      case "ArrowDown": return moveTo(at + 1);
      case "ArrowUp": return moveTo(at - 1);
      case "Home": return moveTo(0);
      case "End": return moveTo(entries.length - 1);
      case "Escape":
        event.preventDefault();
        return closeMenu({ focusButton: true });
      case "Tab":
        // Back to the button, so that Tab goes on from where the menu was opened.
        return closeMenu({ focusButton: true });
      case "Enter":
      case " ":
        // Redoc has picked the entry by now; the menu closes as it does after a click.
        event.preventDefault();
        return closeMenu({ focusButton: true });
    }
  }

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (open && target.matches(entry) && entriesOf(open).includes(target)) return onEntryKey(event);
    const button = target.closest(dropdownButton);
    if (button) return onButtonKey(event, button);
    if (target.matches('[data-testid="search-trigger"]') && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      target.click();
    }
    if (event.key === "Escape" && phoneMenuOpen()) {
      phoneMenuButton().click();
      phoneMenuButton().focus();
    }
  });

  // A click elsewhere closes a menu in Redoc; forget it here too.
  document.addEventListener("pointerdown", (event) => {
    if (open && !entriesOf(open).some((item) => item.contains(event.target))) open = null;
  });

  document.addEventListener("click", (event) => {
    const skip = event.target instanceof Element && event.target.closest("a.skip-link");
    if (!skip) return;
    event.preventDefault();
    const content = document.getElementById("api-content");
    if (!content) return;
    content.tabIndex = -1;
    content.focus({ preventScroll: true });
  });

  const phoneMenuButton = () => document.querySelector('[data-testid="floating-button"]');
  const phoneMenuOpen = () => phoneMenuButton()?.getAttribute("aria-expanded") === "true";
  let phoneMenuWasOpen = false;

  /** While the phone's menu is open, everything beside it and its button is inert. */
  function followPhoneMenu() {
    const button = phoneMenuButton();
    const menu = document.querySelector(".menu-content");
    if (!button || !menu) return;
    const isOpen = phoneMenuOpen();
    if (isOpen === phoneMenuWasOpen) return;
    phoneMenuWasOpen = isOpen;
    for (const part of menu.parentElement.children) {
      if (part !== menu && !part.contains(button)) part.inert = isOpen;
    }
    const skip = document.querySelector("a.skip-link");
    if (skip) skip.inert = isOpen;
    if (isOpen) menu.querySelector("a[href], [tabindex='0']")?.focus();
  }

  /** The search box, as Redoc draws it, is a plain element: make it a button. */
  function upgradeSearch() {
    for (const trigger of document.querySelectorAll('[data-testid="search-trigger"]:not([tabindex])')) {
      trigger.tabIndex = 0;
      trigger.setAttribute("role", "button");
      trigger.setAttribute("aria-keyshortcuts", "Control+K Meta+K");
    }
  }

  new MutationObserver(() => {
    upgradeSearch();
    followPhoneMenu();
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-expanded"] });
})();
