/* Backprop, Checked: lets ipywidgets 8 typeset widget labels with MathJax 3.
 *
 * The widget renderer (embed.js, @jupyter-widgets/html-manager) calls the MathJax 2 API,
 * `MathJax.Hub.Queue(["Typeset", MathJax.Hub, element])`, whenever window.MathJax exists.
 * The book serves MathJax 3, which has no `Hub`, so every widget with a description would
 * throw "Cannot read properties of undefined (reading 'Queue')". This file, loaded just
 * before embed.js, gives whatever object window.MathJax holds (first the configuration, then
 * MathJax 3 itself) a non-enumerable `Hub.Queue` that typesets the element with MathJax 3
 * once MathJax has started. Non-enumerable, so MathJax 3 does not read it as configuration.
 */
(function () {
  "use strict";

  function typesetWhenReady(element, triesLeft) {
    var mj = window.MathJax;
    if (mj && mj.startup && mj.startup.promise && mj.typesetPromise) {
      mj.startup.promise.then(function () {
        return mj.typesetPromise(element ? [element] : undefined);
      });
    } else if (triesLeft > 0) {
      setTimeout(function () { typesetWhenReady(element, triesLeft - 1); }, 50);
    }
  }

  var hub = {
    Queue: function () {
      for (var i = 0; i < arguments.length; i++) {
        var job = arguments[i];
        if (Array.isArray(job) && job[0] === "Typeset") {
          typesetWhenReady(job[2], 200);
        }
      }
    }
  };

  function addHub(mj) {
    if (mj && typeof mj === "object" && !mj.Hub) {
      Object.defineProperty(mj, "Hub", { value: hub, enumerable: false, configurable: true });
    }
  }

  var current = window.MathJax;
  addHub(current);
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    enumerable: true,
    get: function () { return current; },
    set: function (value) { current = value; addHub(value); }
  });
})();
