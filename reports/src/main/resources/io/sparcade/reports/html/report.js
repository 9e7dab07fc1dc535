/*
 * Sparcade report runtime, shared by every report page. It reads the JSON the page embeds, draws the charts
 * whose ECharts options were built in Java, makes every table sortable, runs the page's view script and, once
 * every chart has finished rendering, marks the page ready (html[data-ready], window.sparcadeReadyMs) so a
 * browser test and a load-time bench know when the page is drawn.
 */
(function () {
  'use strict';
  var S = window.Sparcade = {};
  var payload = JSON.parse(document.getElementById('sparcade-data').textContent);
  var pending = {};
  var started = false;
  S.data = payload.data;
  S.instances = {};
  S.view = null;

  /** HTML-escaped text (for tooltip formatters, which ECharts inserts as HTML). */
  S.esc = function (v) {
    return echarts.format.encodeHTML(v === null || v === undefined ? '' : String(v));
  };

  /** A number for people: integers in full with separators, others with 4 significant digits. */
  S.fmt = function (v, digits) {
    if (v === null || v === undefined || (typeof v === 'number' && !isFinite(v))) {
      return '\u2013';
    }
    if (typeof v !== 'number') {
      return String(v);
    }
    if (Number.isInteger(v) && Math.abs(v) < 1e15) {
      return v.toLocaleString('en-US');
    }
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e9)) {
      return v.toExponential((digits || 4) - 1);
    }
    return String(Number(v.toPrecision(digits || 4)));
  };

  /** A value in a base unit with an SI prefix: eng(0.00123, 's') = '1.23 ms'. */
  S.eng = function (v, unit) {
    if (v === null || v === undefined || !isFinite(v)) {
      return '\u2013';
    }
    if (v === 0) {
      return '0 ' + unit;
    }
    var prefixes = [[1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, ''], [1e-3, 'm'], [1e-6, '\u00b5'], [1e-9, 'n'], [1e-12, 'p']];
    var a = Math.abs(v);
    for (var i = 0; i < prefixes.length; i++) {
      if (a >= prefixes[i][0] * 0.9995) {
        return Number((v / prefixes[i][0]).toPrecision(4)) + ' ' + prefixes[i][1] + unit;
      }
    }
    return v.toExponential(3) + ' ' + unit;
  };

  /**
   * Draws {@code option} into the element (an id or the element), replacing what was there; animation is off
   * unless the option asks for it. Returns the ECharts instance.
   */
  S.chart = function (el, option) {
    var node = typeof el === 'string' ? document.getElementById(el) : el;
    if (!node) {
      throw new Error('no chart container ' + el);
    }
    var key = node.id || ('chart' + Object.keys(S.instances).length);
    if (!node.id) {
      node.id = key;
    }
    if (!node.style.height) {
      node.style.height = (node.dataset.height || 360) + 'px';
    }
    var inst = S.instances[key];
    if (!inst) {
      inst = echarts.init(node, null, {renderer: 'canvas'});
      S.instances[key] = inst;
      inst.on('finished', function () {
        delete pending[key];
        checkReady();
      });
    }
    if (option.animation === undefined) {
      option.animation = false;
    }
    pending[key] = true;
    try {
      inst.setOption(option, true);
    } catch (e) {
      delete pending[key];
      throw e;
    }
    return inst;
  };

  /** Resizes a chart's container and the chart. */
  S.height = function (id, px) {
    var node = document.getElementById(id);
    node.style.height = px + 'px';
    if (S.instances[id]) {
      S.instances[id].resize();
    }
  };

  /**
   * Builds a sortable table into {@code container}: columns are {title, value(row), text(row)?, css(row)?};
   * cells are set as text, never as HTML. Returns the table element.
   */
  S.table = function (container, columns, rows, options) {
    var node = typeof container === 'string' ? document.getElementById(container) : container;
    var opts = options || {};
    var wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    var table = document.createElement('table');
    table.className = 'sortable';
    if (opts.id) {
      table.id = opts.id;
    }
    var head = table.createTHead().insertRow();
    columns.forEach(function (c) {
      var th = document.createElement('th');
      th.textContent = c.title;
      head.appendChild(th);
    });
    var body = table.createTBody();
    rows.forEach(function (r) {
      var tr = body.insertRow();
      if (opts.rowKey) {
        tr.dataset.key = opts.rowKey(r);
      }
      columns.forEach(function (c) {
        var td = tr.insertCell();
        var v = c.value(r);
        td.textContent = c.text ? c.text(r) : S.fmt(v);
        if (typeof v === 'number' && isFinite(v)) {
          td.dataset.sort = String(v);
        }
        var css = c.css ? c.css(r) : null;
        if (css) {
          td.className = css;
        }
      });
      if (opts.onClick) {
        tr.addEventListener('click', function () { opts.onClick(r, tr); });
      }
    });
    wrap.appendChild(table);
    node.appendChild(wrap);
    sortable(table);
    return table;
  };

  /** A click on a heading sorts the rows by that column: by data-sort when both cells have one, else as text. */
  function sortable(table) {
    var ths = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(ths, function (th, col) {
      th.addEventListener('click', function () {
        var asc = !th.classList.contains('sorted-asc');
        Array.prototype.forEach.call(ths, function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
        th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col], y = b.cells[col];
          var d;
          if (x.dataset.sort !== undefined && y.dataset.sort !== undefined) {
            d = Number(x.dataset.sort) - Number(y.dataset.sort);
          } else if (x.dataset.sort !== undefined || y.dataset.sort !== undefined) {
            d = x.dataset.sort !== undefined ? -1 : 1; // blanks last
            return d;
          } else {
            d = x.textContent.localeCompare(y.textContent, 'en', {numeric: true});
          }
          return asc ? d : -d;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  S.sortable = sortable;

  /** An element with text (never HTML). */
  S.el = function (tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    if (cls) {
      e.className = cls;
    }
    return e;
  };

  function checkReady() {
    if (started && Object.keys(pending).length === 0 && !document.documentElement.dataset.ready) {
      window.sparcadeReadyMs = performance.now();
      document.documentElement.dataset.ready = 'true';
    }
  }

  /** Called once at the end of the page: draws the Java-built charts, sorts, then runs the view. */
  S.start = function () {
    try {
      Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), sortable);
      Object.keys(payload.charts).forEach(function (id) {
        S.chart(id, payload.charts[id]);
      });
      if (S.view) {
        S.view(S.data);
      }
    } catch (e) {
      var banner = S.el('div', 'This report failed to draw: ' + e, 'error-banner');
      document.querySelector('main').prepend(banner);
      throw e;
    } finally {
      started = true;
      checkReady();
    }
  };

  window.addEventListener('resize', function () {
    Object.keys(S.instances).forEach(function (k) { S.instances[k].resize(); });
  });
})();
