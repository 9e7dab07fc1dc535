/*
 * Sweep report view (data: io.sparcade.dse.output.SweepPage). For the chosen group (one design on one
 * workload): filters (infeasible points shown or not, upper bounds on the metrics), the latency-energy scatter
 * with the Pareto front of the points that pass the filters, parallel coordinates with brushing (linked to the
 * scatter), a sortable table of the front and one effect chart per axis. Large groups: the scatter draws every
 * shown point while there are at most BIN_ABOVE, beyond that one dot per occupied cell of a BINS grid (a dot
 * stands for the points in its cell); the parallel coordinates at most MAX_LINES lines (a regular sample plus the
 * whole front), the table at most MAX_TABLE rows. The page says when it aggregates or samples.
 */
(function () {
  'use strict';
  var S = window.Sparcade;
  var MAX_LINES = 1000;
  var MAX_TABLE = 1000;
  var LARGE = 5000;
  var BIN_ABOVE = 5000;
  var BINS = [240, 160];
  var COLORS = {feasible: '#1f77b4', infeasible: '#a9a9a9', front: '#d62728', brushed: '#ff7f0e'};
  var SERIES = ['#d62728', '#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#7f7f7f'];
  var state = {g: 0, infeasible: true, bounds: {}, brushed: null, rows: [], front: []};
  var info = {};

  function metric(g, id, i) {
    var v = g.metrics[id][i];
    return v === null || v === undefined ? NaN : v;
  }

  function label(id) {
    var m = info[id];
    return m.unit ? m.label + ' (' + m.unit + ')' : m.label;
  }

  function show(id, v) {
    var m = info[id];
    return m.unit ? S.eng(v, m.unit) : S.fmt(v);
  }

  function axisValue(g, k, i) {
    var a = g.axes[k];
    return a.index[i] < 0 ? '' : a.values[a.index[i]];
  }

  /** Rows that pass the filters: successful; feasible unless infeasible ones are shown; within every bound. */
  function visible(g) {
    var bounds = Object.keys(state.bounds).filter(function (k) { return isFinite(state.bounds[k]); });
    var out = [];
    for (var i = 0; i < g.id.length; i++) {
      var st = g.status[i];
      if (st === 2 || (st === 1 && !state.infeasible)) {
        continue;
      }
      var ok = true;
      for (var b = 0; b < bounds.length && ok; b++) {
        ok = metric(g, bounds[b], i) <= state.bounds[bounds[b]];
      }
      if (ok) {
        out.push(i);
      }
    }
    return out;
  }

  /**
   * The Pareto front of the feasible rows (all objectives minimised), the same sort-and-filter as the Java
   * side's Pareto.front: after a lexicographic sort a point can only be dominated by one before it, and then by
   * one already on the front. Equal vectors do not dominate each other. Returns row indices in ascending order.
   */
  S.paretoFront = function (g, rows, objectives) {
    var cols = objectives.map(function (o) { return g.metrics[o]; });
    var m = cols.length;
    var cand = rows.filter(function (i) {
      if (g.status[i] !== 0) {
        return false;
      }
      for (var k = 0; k < m; k++) {
        var x = cols[k][i];
        if (x === null || !isFinite(x)) {
          return false;
        }
      }
      return true;
    });
    cand.sort(function (a, b) {
      for (var k = 0; k < m; k++) {
        var d = cols[k][a] - cols[k][b];
        if (d !== 0) {
          return d;
        }
      }
      return a - b;
    });
    var front = [];
    for (var c = 0; c < cand.length; c++) {
      var p = cand[c];
      var dominated = false;
      for (var f = 0; f < front.length && !dominated; f++) {
        var q = front[f], better = false, worse = false;
        for (var k = 0; k < m && !worse; k++) {
          var d = cols[k][q] - cols[k][p];
          if (d > 0) {
            worse = true;
          } else if (d < 0) {
            better = true;
          }
        }
        dominated = !worse && better;
      }
      if (!dominated) {
        front.push(p);
      }
    }
    return front.sort(function (a, b) { return a - b; });
  };

  function describe(g, i) {
    var st = ['feasible', 'infeasible', 'error'][g.status[i]];
    var lines = ['<b>point ' + g.id[i] + '</b> (' + st + (g.message[i] >= 0 ? ': ' + S.esc(g.texts[g.message[i]]) : '') + ')'];
    g.axes.forEach(function (a, k) { lines.push(S.esc(a.path) + ' = ' + S.esc(axisValue(g, k, i))); });
    ['latency', 'energy', 'power', 'dsp48', 'bram36', 'lut'].forEach(function (id) {
      lines.push(S.esc(info[id].label) + ': ' + S.esc(show(id, metric(g, id, i))));
    });
    lines.push('<span style="word-break: break-all">mapping: ' + S.esc(g.texts[g.mapping[i]] || 'auto') + '</span>');
    return lines.join('<br>');
  }

  function span(g, id, rows) {
    var lo = Infinity, hi = -Infinity;
    rows.forEach(function (i) {
      var v = metric(g, id, i);
      if (v > 0) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    });
    return hi / lo;
  }

  function scatter(g) {
    var rows = state.rows;
    var pt = function (i) { return [metric(g, 'latency', i), metric(g, 'energy', i), i]; };
    var logX = span(g, 'latency', rows) > 20, logY = span(g, 'energy', rows) > 20;
    var feasible = [], infeasible = [];
    var cloud = rows.length > BIN_ABOVE ? binned(g, rows, logX, logY) : {rows: rows, count: null};
    cloud.rows.forEach(function (i) { (g.status[i] === 0 ? feasible : infeasible).push(pt(i)); });
    state.binCount = cloud.count;
    document.getElementById('scatter-note').textContent = cloud.count
      ? 'Aggregated: the ' + S.fmt(rows.length) + ' shown points are drawn as ' + S.fmt(cloud.rows.length)
        + ' dots, one per cell of a ' + BINS[0] + ' x ' + BINS[1] + ' grid over the plot (feasible and infeasible '
        + 'apart); a dot stands for the points in its cell, and hovering it shows one of them and how many share it. '
        + 'The front and the brushed points are drawn one by one.'
      : 'Every shown point is drawn.';
    var front = state.front.map(pt).sort(function (a, b) { return a[0] - b[0]; });
    var objectives = S.data.objectives;
    var join = objectives.length === 2 && objectives.indexOf('latency') >= 0 && objectives.indexOf('energy') >= 0;
    var brushed = state.brushed ? state.brushed.map(pt) : [];
    var cloud = function (name, data, color) {
      return {name: name, type: 'scatter', data: data, symbolSize: 5, large: data.length > LARGE, largeThreshold: LARGE,
        itemStyle: {color: color, opacity: 0.55}, emphasis: {focus: 'none'}};
    };
    S.chart('scatter', {
      title: [{text: g.title + ': ' + S.fmt(rows.length) + ' points shown', left: 10, textStyle: {fontSize: 13}},
        {text: rows.length ? '' : 'no point passes the filters', left: 'center', top: 'middle',
          textStyle: {fontSize: 13, color: '#5f6b7a'}}],
      legend: {top: 4, right: 110},
      toolbox: {right: 10, feature: {dataZoom: {}, restore: {}, saveAsImage: {name: 'sweep-scatter'}}},
      tooltip: {trigger: 'item', confine: true, extraCssText: 'max-width: 560px; white-space: normal;',
        formatter: function (p) {
        var n = p.seriesIndex < 2 && state.binCount ? state.binCount[p.data[2]] : 1;
        return describe(g, p.data[2]) + (n > 1 ? '<br><i>' + S.fmt(n - 1) + ' more points in this cell</i>' : '');
      }},
      grid: {left: 20, right: 40, top: 50, bottom: 40, containLabel: true},
      xAxis: {type: logX ? 'log' : 'value', name: 'latency (s)', nameLocation: 'middle', nameGap: 26, scale: true,
        axisLabel: {formatter: function (v) { return S.eng(v, 's'); }}},
      yAxis: {type: logY ? 'log' : 'value', name: 'energy (J)', scale: true,
        axisLabel: {formatter: function (v) { return S.eng(v, 'J'); }}},
      dataZoom: [{type: 'inside', xAxisIndex: 0, filterMode: 'none'}, {type: 'inside', yAxisIndex: 0, filterMode: 'none'}],
      series: [
        cloud('feasible', feasible, COLORS.feasible),
        cloud('infeasible', infeasible, COLORS.infeasible),
        {name: 'Pareto front' + (join ? '' : ' in ' + objectives.join(', ')), type: join ? 'line' : 'scatter',
          data: front, symbol: 'circle', symbolSize: 8, color: COLORS.front, z: 5, lineStyle: {width: 1.5}},
        {name: 'brushed in parallel coordinates', type: 'scatter', data: brushed, symbolSize: 10, z: 6,
          large: brushed.length > LARGE, largeThreshold: LARGE, color: COLORS.brushed,
          itemStyle: {color: 'rgba(0,0,0,0)', borderColor: COLORS.brushed, borderWidth: 1.5}}
      ]
    });
  }

  /**
   * One representative row per occupied cell of a BINS grid over the plot's (log or linear) ranges, feasible and
   * infeasible rows apart; count[row] is how many rows share the representative's cell.
   */
  function binned(g, rows, logX, logY) {
    var lat = g.metrics.latency, en = g.metrics.energy;
    var fx = logX ? Math.log : function (v) { return v; };
    var fy = logY ? Math.log : function (v) { return v; };
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    rows.forEach(function (i) {
      var x = fx(lat[i]), y = fy(en[i]);
      if (isFinite(x) && isFinite(y)) {
        x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      }
    });
    var sx = (BINS[0] - 1) / ((x1 - x0) || 1), sy = (BINS[1] - 1) / ((y1 - y0) || 1);
    var cell = {}, out = [], count = {};
    rows.forEach(function (i) {
      var x = fx(lat[i]), y = fy(en[i]);
      if (!isFinite(x) || !isFinite(y)) {
        return;
      }
      var key = (g.status[i] * BINS[0] + Math.floor((x - x0) * sx)) * BINS[1] + Math.floor((y - y0) * sy);
      var rep = cell[key];
      if (rep === undefined) {
        cell[key] = i;
        count[i] = 1;
        out.push(i);
      } else {
        count[rep]++;
      }
    });
    return {rows: out, count: count};
  }

  function shownMetrics(g) {
    var ids = S.data.objectives.slice();
    ['latency', 'energy', 'power', 'dsp48'].concat(Object.keys(g.constraints)).forEach(function (id) {
      if (ids.indexOf(id) < 0) {
        ids.push(id);
      }
    });
    return ids;
  }

  function sample(rows, front) {
    if (rows.length <= MAX_LINES) {
      return {rows: rows, stride: 1};
    }
    var stride = Math.ceil(rows.length / (MAX_LINES - Math.min(front.length, MAX_LINES / 2)));
    var onFront = {};
    front.forEach(function (i) { onFront[i] = true; });
    var out = [];
    rows.forEach(function (i, k) {
      if (k % stride === 0 && !onFront[i]) {
        out.push(i);
      }
    });
    return {rows: out, stride: stride};
  }

  var dims = [];

  function parallel(g) {
    var rows = state.rows;
    var drawn = sample(rows, state.front);
    var onFront = {};
    state.front.forEach(function (i) { onFront[i] = true; });
    dims = g.axes.map(function (a, k) { return {axis: k, name: a.path.replace(/^units\./, '')}; })
      .concat(shownMetrics(g).map(function (id) { return {metric: id, name: label(id)}; }));
    var line = function (i) {
      return dims.map(function (d) { return d.axis !== undefined ? axisValue(g, d.axis, i) : metric(g, d.metric, i); });
    };
    var feasible = [], infeasible = [];
    drawn.rows.forEach(function (i) {
      if (!onFront[i]) {
        (g.status[i] === 0 ? feasible : infeasible).push(line(i));
      }
    });
    var note = document.getElementById('parallel-note');
    note.textContent = (drawn.stride === 1
      ? 'Every shown point is drawn (' + S.fmt(rows.length) + ' lines). '
      : 'Sampled: ' + S.fmt(drawn.rows.length + state.front.length) + ' of ' + S.fmt(rows.length)
        + ' lines drawn (1 in ' + drawn.stride + ' shown points, plus the whole front); brushing selects among all '
        + S.fmt(rows.length) + ' shown points. ')
      + 'Drag along an axis to brush a range (several axes combine); click outside the range to clear it.';
    var inst = S.chart('parallel', {
      tooltip: {show: false},
      legend: {top: 4, right: 10},
      parallel: {left: 70, right: 110, top: 70, bottom: 30,
        parallelAxisDefault: {nameLocation: 'end', nameGap: 14, nameTextStyle: {fontSize: 11, width: 110, overflow: 'break'},
          axisLabel: {fontSize: 10, formatter: function (v) { return typeof v === 'number' ? S.fmt(v, 3) : v; }},
          areaSelectStyle: {width: 18, color: 'rgba(255,127,14,0.35)', borderColor: COLORS.brushed}}},
      parallelAxis: dims.map(function (d, k) {
        if (d.axis !== undefined) {
          return {id: 'pa' + k, dim: k, name: d.name, type: 'category', data: g.axes[d.axis].values};
        }
        var unit = info[d.metric].unit;
        return {id: 'pa' + k, dim: k, name: d.name, type: span(g, d.metric, rows) > 20 ? 'log' : 'value', scale: true,
          axisLabel: {formatter: function (v) { return unit ? S.eng(v, unit) : S.fmt(v, 3); }}};
      }),
      series: [
        {name: 'feasible', type: 'parallel', data: feasible, lineStyle: {color: COLORS.feasible, width: 1, opacity: 0.25},
          inactiveOpacity: 0.03, activeOpacity: 0.6, progressive: 0},
        {name: 'infeasible', type: 'parallel', data: infeasible, lineStyle: {color: COLORS.infeasible, width: 1, opacity: 0.25},
          inactiveOpacity: 0.03, activeOpacity: 0.6, progressive: 0},
        {name: 'Pareto front', type: 'parallel', data: state.front.map(line), z: 5,
          lineStyle: {color: COLORS.front, width: 1.6, opacity: 0.9}, inactiveOpacity: 0.08, activeOpacity: 1, progressive: 0}
      ]
    });
    inst.off('axisareaselected');
    inst.on('axisareaselected', function () { brush(g, inst); });
  }

  /** The brushed rows: every shown row inside the intervals of every brushed axis (sampled or not). */
  function brush(g, inst) {
    var model = inst.getModel();
    var active = [];
    dims.forEach(function (d, k) {
      var iv = model.getComponent('parallelAxis', k).activeIntervals;
      if (iv && iv.length) {
        active.push({d: d, iv: iv});
      }
    });
    if (!active.length) {
      state.brushed = null;
    } else {
      state.brushed = state.rows.filter(function (i) {
        return active.every(function (a) {
          var v = a.d.axis !== undefined ? g.axes[a.d.axis].index[i] : metric(g, a.d.metric, i);
          return a.iv.some(function (r) { return v >= r[0] && v <= r[1]; });
        });
      });
    }
    scatter(g);
    status(g);
  }

  function frontTable(g) {
    var panel = document.getElementById('front');
    panel.textContent = '';
    var rows = state.front.slice();
    var first = S.data.objectives[0];
    rows.sort(function (a, b) { return metric(g, first, a) - metric(g, first, b); });
    panel.appendChild(S.el('p', S.fmt(rows.length) + (rows.length === 1 ? ' point' : ' points') + ' on the front'
      + (rows.length > MAX_TABLE ? '; the first ' + S.fmt(MAX_TABLE) + ' by ' + first + ' are listed' : '') + '.', 'note'));
    var cols = [{title: 'id', value: function (i) { return g.id[i]; }}];
    g.axes.forEach(function (a, k) {
      cols.push({title: a.path, value: function (i) { return axisValue(g, k, i); }, text: function (i) { return axisValue(g, k, i); }});
    });
    ['latency', 'energy', 'power', 'dsp48', 'bram36', 'lut'].forEach(function (id) {
      cols.push({title: label(id), value: function (i) { return metric(g, id, i); },
        text: function (i) { return show(id, metric(g, id, i)); }});
    });
    cols.push({title: 'mapping', value: function (i) { return g.texts[g.mapping[i]]; },
      text: function (i) { return g.texts[g.mapping[i]]; }});
    S.table(panel, cols, rows.slice(0, MAX_TABLE), {id: 'front-table', rowKey: function (i) { return g.id[i]; },
      onClick: function (i, tr) {
        Array.prototype.forEach.call(tr.parentNode.rows, function (r) { r.classList.remove('selected'); });
        tr.classList.add('selected');
        var inst = S.instances.scatter;
        var k = inst.getOption().series[2].data.findIndex(function (d) { return d[2] === i; });
        inst.dispatchAction({type: 'showTip', seriesIndex: 2, dataIndex: k});
        document.getElementById('scatter').scrollIntoView({behavior: 'auto', block: 'center'});
      }});
  }

  /** One chart, one small panel (grid) per axis: drawing them in one ECharts instance costs one set-up, not one per axis. */
  function effects(g) {
    var panel = document.getElementById('effects');
    if (!g.axes.length) {
      if (S.instances['effects-chart']) {
        S.instances['effects-chart'].dispose();
        delete S.instances['effects-chart'];
      }
      panel.textContent = '';
      panel.appendChild(S.el('p', 'This design has no axes.', 'note'));
      return;
    }
    var div = document.getElementById('effects-chart');
    if (!div) {
      panel.textContent = '';
      div = S.el('div', null, 'chart');
      div.id = 'effects-chart';
      panel.appendChild(div);
    }
    var rows = state.rows.filter(function (i) { return g.status[i] === 0; });
    var best = {};
    S.data.objectives.forEach(function (o) {
      var b = Infinity;
      rows.forEach(function (i) {
        var v = metric(g, o, i);
        if (v > 0 && v < b) {
          b = v;
        }
      });
      best[o] = b;
    });
    var perRow = 3, cellH = 260, top = 34;
    var gridRows = Math.ceil(g.axes.length / perRow);
    var option = {title: [], grid: [], xAxis: [], yAxis: [], series: [],
      legend: {top: 4, data: S.data.objectives},
      tooltip: {trigger: 'axis', valueFormatter: function (v) { return v === null || v === undefined ? 'no feasible point' : S.fmt(v, 4) + ' x best'; }}};
    g.axes.forEach(function (a, k) {
      var col = k % perRow, row = Math.floor(k / perRow);
      var y0 = top + row * cellH;
      option.title.push({text: a.path, left: (col * 100 / perRow + 50 / perRow) + '%', top: y0 + 4, textAlign: 'center',
        textStyle: {fontSize: 12}});
      option.grid.push({left: (col * 100 / perRow + 2) + '%', width: (100 / perRow - 5) + '%', top: y0 + 34,
        height: cellH - 84, containLabel: true});
      option.xAxis.push({type: 'category', gridIndex: k, data: a.values,
        axisLabel: {interval: 0, rotate: a.values.length > 6 ? 35 : 0, fontSize: 10}});
      option.yAxis.push({type: 'value', gridIndex: k, scale: true,
        axisLabel: {fontSize: 10, formatter: function (v) { return S.fmt(v, 3) + 'x'; }}});
      S.data.objectives.forEach(function (o, j) {
        var per = a.values.map(function () { return Infinity; });
        rows.forEach(function (i) {
          var v = metric(g, o, i);
          if (a.index[i] >= 0 && v < per[a.index[i]]) {
            per[a.index[i]] = v;
          }
        });
        option.series.push({name: o, type: 'line', xAxisIndex: k, yAxisIndex: k, color: SERIES[j % SERIES.length],
          symbolSize: 7, data: per.map(function (v) { return isFinite(v) ? v / best[o] : null; })});
      });
    });
    div.style.height = (top + gridRows * cellH) + 'px';
    if (S.instances['effects-chart']) {
      S.instances['effects-chart'].resize();
    }
    S.chart(div, option);
  }

  function status(g) {
    var counts = [0, 0, 0];
    g.status.forEach(function (s) { counts[s]++; });
    var text = S.fmt(state.rows.length) + ' of ' + S.fmt(g.id.length) + ' points shown (' + S.fmt(counts[0])
      + ' feasible, ' + S.fmt(counts[1]) + ' infeasible, ' + S.fmt(counts[2]) + ' failed); '
      + S.fmt(state.front.length) + ' on the front of the shown feasible points';
    if (state.brushed) {
      text += '; ' + S.fmt(state.brushed.length) + ' brushed in the parallel coordinates';
    }
    document.getElementById('status').textContent = text + '.';
  }

  function draw() {
    var g = S.data.groups[state.g];
    state.rows = visible(g);
    state.front = S.paretoFront(g, state.rows, S.data.objectives);
    state.brushed = null;
    status(g);
    scatter(g);
    parallel(g);
    frontTable(g);
    effects(g);
  }

  function controls() {
    var panel = document.getElementById('controls');
    panel.textContent = '';
    var box = S.el('div', null, 'controls');
    var groups = S.data.groups;
    if (groups.length > 1) {
      var gl = S.el('label', 'group ');
      var sel = document.createElement('select');
      sel.id = 'group-select';
      groups.forEach(function (g, i) {
        var o = S.el('option', 'd' + g.design + ': ' + g.title + ' (' + S.fmt(g.id.length) + ' points)');
        o.value = String(i);
        sel.appendChild(o);
      });
      sel.value = String(state.g);
      sel.addEventListener('change', function () {
        state.g = Number(sel.value);
        controls();
        draw();
      });
      gl.appendChild(sel);
      box.appendChild(gl);
    }
    var g = groups[state.g];
    var il = S.el('label');
    var cb = document.createElement('input');
    cb.type = 'checkbox';
    cb.id = 'show-infeasible';
    cb.checked = state.infeasible;
    cb.addEventListener('change', function () {
      state.infeasible = cb.checked;
      draw();
    });
    il.appendChild(cb);
    il.appendChild(document.createTextNode('show infeasible points'));
    box.appendChild(il);
    ['latency', 'energy', 'power', 'dsp48', 'bram36', 'lut'].forEach(function (id) {
      var l = S.el('label', label(id) + ' \u2264');
      var inp = document.createElement('input');
      inp.type = 'number';
      inp.step = 'any';
      inp.min = '0';
      inp.id = 'bound-' + id;
      inp.placeholder = g.constraints[id] !== undefined ? S.fmt(g.constraints[id]) + ' (sweep)' : 'no bound';
      if (isFinite(state.bounds[id])) {
        inp.value = String(state.bounds[id]);
      }
      inp.addEventListener('change', function () {
        state.bounds[id] = inp.value === '' ? NaN : Number(inp.value);
        draw();
      });
      l.appendChild(inp);
      box.appendChild(l);
    });
    panel.appendChild(box);
    var cons = Object.keys(g.constraints).map(function (k) { return k + ' \u2264 ' + S.fmt(g.constraints[k]); });
    panel.appendChild(S.el('p', 'Feasible: within the sweep\'s constraints (' + (cons.length ? cons.join(', ') : 'none')
      + '). The bounds above narrow the shown points further; the front is recomputed over the shown feasible points.', 'note'));
    panel.appendChild(S.el('p', '', 'status')).id = 'status';
  }

  S.view = function (data) {
    data.metrics.forEach(function (m) { info[m.id] = m; });
    ['scatter', 'parallel'].forEach(function (id) {
      var note = document.createElement('p');
      note.className = 'note';
      note.id = id + '-note';
      var chart = document.getElementById(id);
      chart.parentNode.insertBefore(note, chart);
    });
    controls();
    draw();
  };
})();
