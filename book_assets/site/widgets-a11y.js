/* Accessible names for the controls that ipywidgets' embed.js draws from a page's widget
 * state, and alternative text for the images in those snapshots. Served by the site itself
 * (book_assets/site/, added to every page by _ext/book_html.py); does nothing on a page
 * without widgets. tests/test_a11y.py runs axe-core after it.
 *
 * - A slider handle (role="slider") is named by the visible description beside it
 *   (aria-labelledby), instead of having no name at all.
 * - An icon-only button (the Play widget's play/pause/stop/repeat) gets a name and a tooltip.
 * - An image in a snapshot gets the alternative text of its notebook cell, which the build
 *   writes beside the output as <script type="application/json" class="widget-alt">.
 * - ipywidgets writes title="null" on labels without a tooltip; that is dropped.
 * - A figure box that scrolls sideways (wide figures on a phone) can take keyboard focus, so
 *   that it can be scrolled without a mouse.
 */
(function () {
  "use strict";

  var ICON_NAMES = {play: "Play", pause: "Pause", stop: "Stop", retweet: "Repeat",
                    repeat: "Repeat", refresh: "Reset", redo: "Reset"};
  var SCROLL_BOXES = [".cell_output", ".anim-frame-box", ".widget-subarea",
                      ".widget-subarea .widget-box", ".widget-subarea .jp-RenderedImage"].join(", ");
  var counter = 0;

  function idOf(element) {
    if (!element.id) { counter += 1; element.id = "widget-label-" + counter; }
    return element.id;
  }

  function nameSliders(root) {
    root.querySelectorAll('[role="slider"]:not([aria-label]):not([aria-labelledby])')
      .forEach(function (handle) {
        var box = handle.closest(".widget-slider, .widget-inline-hbox");
        var label = box && box.querySelector(".widget-label");
        if (label && label.textContent.trim()) {
          handle.setAttribute("aria-labelledby", idOf(label));
        }
      });
  }

  function iconName(button) {
    var icon = button.querySelector('[class*="fa-"]');
    if (!icon) { return null; }
    var classes = (icon.getAttribute("class") || "").split(/\s+/);
    for (var i = 0; i < classes.length; i += 1) {
      var name = ICON_NAMES[classes[i].replace(/^fa-/, "")];
      if (name) { return name; }
    }
    return null;
  }

  function nameIconButtons(root) {
    root.querySelectorAll(".widget-subarea button:not([aria-label])").forEach(function (button) {
      if (button.textContent.trim()) { return; }
      var name = iconName(button) || button.getAttribute("title");
      if (name) {
        button.setAttribute("aria-label", name);
        if (!button.getAttribute("title")) { button.setAttribute("title", name); }
      }
    });
  }

  function altText(root) {
    root.querySelectorAll("script.widget-alt").forEach(function (script) {
      var cell = script.closest(".cell");
      if (!cell) { return; }
      var alt = JSON.parse(script.textContent).alt;
      cell.querySelectorAll(".widget-subarea img:not([alt])").forEach(function (img) {
        img.setAttribute("alt", alt);
      });
    });
  }

  function dropNullTitles(root) {
    root.querySelectorAll('.widget-subarea [title="null"]').forEach(function (element) {
      element.removeAttribute("title");
    });
  }

  function focusableScrollBoxes(root) {
    root.querySelectorAll(SCROLL_BOXES).forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.dataset.scrollFocus = "1";
      } else if (!scrolls && box.dataset.scrollFocus) {
        box.removeAttribute("tabindex");
        delete box.dataset.scrollFocus;
      }
    });
  }

  function fixAll() {
    var root = document.body;
    nameSliders(root);
    nameIconButtons(root);
    altText(root);
    dropNullTitles(root);
    focusableScrollBoxes(root);
  }

  var scheduled = false;
  function schedule() {
    if (scheduled) { return; }
    scheduled = true;
    window.requestAnimationFrame(function () { scheduled = false; fixAll(); });
  }

  function start() {
    fixAll();
    new MutationObserver(schedule).observe(document.body, {childList: true, subtree: true});
    window.addEventListener("resize", schedule);
    window.addEventListener("load", schedule);
    document.addEventListener("load", schedule, true);  // an image loaded: a box may scroll now
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
