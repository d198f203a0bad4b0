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
  /** The dropdown whose menu the keyboard is in: its button, and where to find it again (placeOf). */
  let open = null;

  const visible = (element) => element.getClientRects().length > 0;

  /** The entries a dropdown's button shows, once its menu is open (Redoc may render it in <body>). */
  function entriesOf(button) {
    const dropdown = button.closest('[data-component-name="Dropdown/Dropdown"]');
    const inside = [...dropdown.querySelectorAll(entry)].filter(visible);
    if (inside.length > 0) return inside;
    return [...document.body.children]
      .filter((child) => !child.contains(dropdown))
      .flatMap((child) => [...child.querySelectorAll(entry)])
      .filter(visible);
  }

  /** Focuses an entry of `button`'s menu once Redoc has drawn it: `pick` chooses which. */
  function enterMenu(button, pick) {
    requestAnimationFrame(() => {
      const entries = entriesOf(button);
      if (button.getAttribute("aria-expanded") !== "true" || entries.length === 0) return;
      open = { button, ...placeOf(button) };
      for (const item of entries) item.tabIndex = -1;
      pick(entries, button).focus();
    });
  }

  /** The entry the button shows as chosen (its text is the button's), else the first. */
  const chosen = (entries, button) => entries.find((item) => item.textContent.trim() === button.textContent.trim()) ?? entries[0];

  /**
   * Where a dropdown's button sits: its section and its rank among the dropdowns there. Redoc
   * may draw a new button once an entry is picked; this finds it again.
   */
  function placeOf(button) {
    const section = button.closest("[data-section-id]") ?? document.body;
    return { section, rank: [...section.querySelectorAll(dropdownButton)].indexOf(button) };
  }

  function buttonAt({ button, section, rank }) {
    return button.isConnected ? button : (section.querySelectorAll(dropdownButton)[rank] ?? null);
  }

  /**
   * Closes the open menu, by a click on `entry` (which also picks it) or on its button, and
   * gives focus back to the button unless `refocus` is false.
   */
  function closeMenu({ entry, refocus = true } = {}) {
    const place = open;
    open = null;
    if (!place) return;
    if (entry) entry.click();
    else if (place.button.getAttribute("aria-expanded") === "true") place.button.click();
    if (!refocus) return;
    place.button.focus();
    requestAnimationFrame(() => {
      if (!place.button.isConnected) buttonAt(place)?.focus();
    });
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
    } else if (event.key === "Escape" && expanded) {
      event.preventDefault();
      button.click();
    }
  }

  function onEntryKey(event) {
    const entries = entriesOf(open.button);
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
        return closeMenu();
      case "Tab": {
        // Tab goes on from the button, not from the menu Redoc draws at the end of the page.
        event.preventDefault();
        const button = open.button;
        closeMenu({ refocus: false });
        return moveFocus(button, event.shiftKey ? -1 : 1);
      }
      case "Enter":
      case " ":
        // A click picks the entry and closes the menu, as it does for the mouse.
        event.preventDefault();
        event.stopPropagation();
        return closeMenu({ entry: document.activeElement });
    }
  }

  /** Moves focus to the next (or, with -1, the previous) element the Tab key stops at after `from`. */
  function moveFocus(from, step) {
    const stops = [...document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]")]
      .filter((element) => element.tabIndex >= 0 && !element.disabled && !element.closest("[inert]") && visible(element));
    const next = stops[stops.indexOf(from) + step];
    next?.focus();
  }

  // In the capture phase: Redoc stops the keys it handles itself from going further.
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (open && target.matches(entry) && entriesOf(open.button).includes(target)) return onEntryKey(event);
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
  }, true);

  // A click elsewhere closes a menu in Redoc; forget it here too.
  document.addEventListener("pointerdown", (event) => {
    if (open && !entriesOf(open.button).some((item) => item.contains(event.target))) open = null;
  });

  // Redoc loads the search index when the pointer first comes over the search box; focus
  // from the keyboard asks for it the same way.
  document.addEventListener("focusin", (event) => {
    const trigger = event.target instanceof Element && event.target.closest('[data-testid="search-trigger"]');
    if (trigger) trigger.dispatchEvent(new PointerEvent("pointerover", { bubbles: true, pointerType: "mouse" }));
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
