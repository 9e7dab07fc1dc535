/*
 * Run report view: for the chosen run (a page may hold several, e.g. the demo's three), the per-unit timeline
 * (zoomable; hover shows the node), latency and energy per operator, the dense-vs-sparse comparison and a
 * sortable table of the nodes. Data: Sparcade.data.runs, written by io.sparcade.reports.RunPage.
 */
(function () {
  'use strict';
  var S = window.Sparcade;
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf'];
  var ENERGY_PARTS = ['compute (MAC, vector)', 'on-chip buffer', 'DRAM', 'compare + mux'];
  var state = {run: 0, mode: 'main'};

  function placed(mode) {
    return mode.ops.filter(function (o) { return o.unit !== null; });
  }

  function kindOf(run, o) {
    return run.training ? o.kind + ' ' + o.pass : o.kind;
  }

  function tooltip(o) {
    var rows = [
      ['operator', o.operator + (o.pass ? ' (' + o.pass + ')' : '')],
      ['work', o.work],
      ['unit', o.unit + (o.sparseMode ? ', N:M ' + o.sparseMode : '')],
      ['tiles', o.tiles],
      ['cycles', S.fmt(o.cycles) + '  (' + S.fmt(o.start) + ' \u2192 ' + S.fmt(o.end) + ')'],
      ['compute / memory', S.fmt(o.computeCycles) + ' / ' + S.fmt(o.memoryCycles)],
      ['stalls (waiting for its own transfers)', S.fmt(o.stallCycles)],
      ['waiting (shared DRAM or unit, producers)', o.waitCycles ? S.fmt(o.waitCycles) : null],
      ['bound', o.bound],
      ['utilisation', o.macsIssued > 0 ? (100 * o.utilisation).toFixed(1) + ' %' : null],
      ['DRAM', o.dramBytes ? S.eng(o.dramBytes, 'B') : null],
      ['energy', S.eng(o.energyPj * 1e-12, 'J')]
    ];
    return '<b>' + S.esc(o.name) + '</b><br>' + rows.filter(function (r) { return r[1] !== null && r[1] !== undefined && r[1] !== ''; })
      .map(function (r) { return S.esc(r[0]) + ': ' + S.esc(r[1]); }).join('<br>');
  }

  function timeline(run, mode) {
    var ops = placed(mode);
    var units = mode.units;
    var kinds = [];
    ops.forEach(function (o) {
      var k = kindOf(run, o);
      if (kinds.indexOf(k) < 0) {
        kinds.push(k);
      }
    });
    var series = kinds.map(function (k, ki) {
      return {
        type: 'custom', name: k, itemStyle: {color: PALETTE[ki % PALETTE.length]},
        encode: {x: [1, 2], y: 0}, clip: true,
        renderItem: function (params, api) {
          var lane = api.value(0);
          var a = api.coord([api.value(1), lane]);
          var b = api.coord([api.value(2), lane]);
          var h = api.size([0, 1])[1] * 0.62;
          var cs = params.coordSys;
          var shape = echarts.graphic.clipRectByRect(
            {x: a[0], y: a[1] - h / 2, width: Math.max(1, b[0] - a[0]), height: h},
            {x: cs.x, y: cs.y, width: cs.width, height: cs.height});
          if (!shape) {
            return null;
          }
          var o = ops[api.value(3)];
          var children = [{type: 'rect', shape: shape, style: api.style()}];
          if (shape.width > o.name.length * 6.5 + 6) {
            children.push({type: 'text', style: {text: o.name, x: shape.x + shape.width / 2, y: shape.y + shape.height / 2,
              align: 'center', verticalAlign: 'middle', fill: '#fff', font: '11px sans-serif'}});
          }
          return {type: 'group', children: children};
        },
        data: ops.map(function (o, i) { return kindOf(run, o) === k ? [units.indexOf(o.unit), o.start, o.end, i] : null; })
          .filter(function (d) { return d !== null; })
      };
    });
    S.height('timeline', 150 + 46 * Math.max(1, units.length));
    S.chart('timeline', {
      title: {text: run.workload + ' on ' + run.arch + ' \u2014 ' + mode.mode + ': ' + S.fmt(mode.totalCycles)
        + ' cycles (' + S.eng(mode.timeUs * 1e-6, 's') + ')', left: 10, textStyle: {fontSize: 13}},
      legend: {top: 26, left: 10, type: 'scroll', right: 10},
      tooltip: {trigger: 'item', confine: true, formatter: function (p) { return tooltip(ops[p.value[3]]); }},
      grid: {left: 10, right: 30, top: 62, bottom: 64, containLabel: true},
      xAxis: {type: 'value', name: 'cycle', nameLocation: 'middle', nameGap: 24, min: 0, max: Math.max(1, mode.totalCycles),
        axisLabel: {formatter: function (v) { return S.fmt(v); }}},
      yAxis: {type: 'category', data: units, inverse: true, axisTick: {show: false}},
      dataZoom: [{type: 'slider', xAxisIndex: 0, filterMode: 'weakFilter', bottom: 8, height: 18},
        {type: 'inside', xAxisIndex: 0, filterMode: 'weakFilter'}],
      series: series
    });
  }

  function labelAxis(names) {
    return {type: 'category', data: names, axisLabel: {rotate: names.length > 8 ? 40 : 0, interval: 0, fontSize: 11,
      formatter: function (v) { return v.length > 28 ? v.slice(0, 26) + '\u2026' : v; }}};
  }

  function zoomFor(n) {
    return n > 40 ? [{type: 'slider', xAxisIndex: 0, bottom: 6, height: 16, endValue: 39}, {type: 'inside', xAxisIndex: 0}] : [];
  }

  function latency(run, mode) {
    var ops = placed(mode);
    var names = ops.map(function (o) { return o.name; });
    S.chart('latency', {
      title: {text: 'cycles per node, ' + mode.mode + ' run', left: 10, textStyle: {fontSize: 13}},
      legend: {top: 4, right: 10},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, confine: true,
        formatter: function (ps) { return tooltip(ops[ps[0].dataIndex]); }},
      grid: {left: 10, right: 20, top: 40, bottom: ops.length > 40 ? 40 : 10, containLabel: true},
      xAxis: labelAxis(names),
      yAxis: {type: 'value', axisLabel: {formatter: function (v) { return S.fmt(v); }}},
      dataZoom: zoomFor(ops.length),
      series: [
        {name: 'compute', type: 'bar', stack: 'c', color: PALETTE[0], data: ops.map(function (o) { return o.cycles - o.stallCycles; })},
        {name: 'stalled on memory', type: 'bar', stack: 'c', color: PALETTE[3], data: ops.map(function (o) { return o.stallCycles; })},
        {name: 'waiting for shared DRAM, unit or producer', type: 'bar', stack: 'c', color: PALETTE[1],
          data: ops.map(function (o) { return o.waitCycles; })}
      ]
    });
  }

  function energy(run, mode) {
    var ops = placed(mode);
    var names = ops.map(function (o) { return o.name; });
    S.chart('energy', {
      title: {text: 'dynamic energy per node (\u00b5J), ' + mode.mode + ' run; total ' + S.eng(mode.energyPj * 1e-12, 'J')
        + ' of which static ' + S.eng(mode.staticEnergyPj * 1e-12, 'J'), left: 10, textStyle: {fontSize: 13}},
      legend: {top: 26, left: 10},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, confine: true, valueFormatter: function (v) { return S.fmt(v) + ' \u00b5J'; }},
      grid: {left: 10, right: 20, top: 60, bottom: ops.length > 40 ? 40 : 10, containLabel: true},
      xAxis: labelAxis(names),
      yAxis: {type: 'value'},
      dataZoom: zoomFor(ops.length),
      series: ENERGY_PARTS.map(function (p, i) {
        return {name: p, type: 'bar', stack: 'e', color: PALETTE[i], data: ops.map(function (o) { return o.energyParts[i] / 1e6; })};
      })
    });
  }

  function comparison(run) {
    if (!document.getElementById('comparison')) {
      return;
    }
    if (!run.dense) {
      S.chart('comparison', {title: {text: run.run + ': the workload is dense, so there is no dense baseline to compare with',
        left: 'center', top: 'middle', textStyle: {fontSize: 13, color: '#5f6b7a'}}, series: []});
      return;
    }
    var ops = placed(run.main);
    var dense = {};
    placed(run.dense).forEach(function (o) { dense[o.name] = o; });
    var names = ops.map(function (o) { return o.name; });
    var totals = ['cycles', 'energy', 'DRAM bytes'];
    var ratio = [run.main.totalCycles / run.dense.totalCycles, run.main.energyPj / run.dense.energyPj,
      run.main.dramBytes / run.dense.dramBytes];
    S.chart('comparison', {
      title: [{text: 'cycles per node: ' + run.main.mode + ' vs dense baseline', left: 10, textStyle: {fontSize: 13}},
        {text: 'whole run, relative to dense (= 1)', left: '76%', textStyle: {fontSize: 13}}],
      legend: {top: 24, left: 10},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, confine: true},
      grid: [{left: 10, right: '28%', top: 60, bottom: 10, containLabel: true},
        {left: '76%', right: 20, top: 60, bottom: 10, containLabel: true}],
      xAxis: [labelAxis(names), {type: 'category', gridIndex: 1, data: totals}],
      yAxis: [{type: 'value', axisLabel: {formatter: function (v) { return S.fmt(v); }}},
        {type: 'value', gridIndex: 1, min: 0}],
      series: [
        {name: run.main.mode, type: 'bar', color: PALETTE[0], data: ops.map(function (o) { return o.cycles; })},
        {name: 'dense', type: 'bar', color: PALETTE[7], data: ops.map(function (o) { return dense[o.name] ? dense[o.name].cycles : null; })},
        {name: 'relative to dense', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, color: PALETTE[2],
          label: {show: true, position: 'top', formatter: function (p) { return S.fmt(p.value, 3) + 'x'; }},
          tooltip: {valueFormatter: function (v) { return S.fmt(v, 4) + ' of dense'; }},
          data: ratio},
        {name: 'dense = 1', type: 'line', xAxisIndex: 1, yAxisIndex: 1, symbol: 'none', color: PALETTE[7],
          lineStyle: {type: 'dashed'}, data: [1, 1, 1]}
      ]
    });
  }

  function opsTable(run, mode) {
    var panel = document.getElementById('ops');
    panel.textContent = '';
    panel.appendChild(S.el('p', mode.ops.length + ' nodes of the ' + mode.mode + ' run of ' + run.run
      + ' (click a heading to sort).', 'note'));
    var cols = [
      {title: 'node', value: function (o) { return o.name; }, text: function (o) { return o.name; }},
      {title: 'pass', value: function (o) { return o.pass; }, text: function (o) { return o.pass; }},
      {title: 'unit', value: function (o) { return o.unit || '-'; }, text: function (o) { return o.unit || '-'; }},
      {title: 'work', value: function (o) { return o.work; }, text: function (o) { return o.work; }},
      {title: 'tiles', value: function (o) { return o.tiles || ''; }, text: function (o) { return o.tiles || ''; }},
      {title: 'start', value: function (o) { return o.start; }},
      {title: 'cycles', value: function (o) { return o.cycles; }},
      {title: 'compute', value: function (o) { return o.computeCycles; }},
      {title: 'memory', value: function (o) { return o.memoryCycles; }},
      {title: 'stalls', value: function (o) { return o.stallCycles; }},
      {title: 'waiting', value: function (o) { return o.waitCycles; }},
      {title: 'bound', value: function (o) { return o.bound || ''; }, text: function (o) { return o.bound || ''; }},
      {title: 'utilisation', value: function (o) { return o.macsIssued > 0 ? o.utilisation : null; }},
      {title: 'DRAM bytes', value: function (o) { return o.dramBytes; }},
      {title: 'energy (nJ)', value: function (o) { return o.energyPj / 1e3; }}
    ];
    S.table(panel, cols, mode.ops, {id: 'ops-table'});
  }

  function draw() {
    var run = S.data.runs[state.run];
    var mode = state.mode === 'dense' && run.dense ? run.dense : run.main;
    timeline(run, mode);
    latency(run, mode);
    energy(run, mode);
    comparison(run);
    opsTable(run, mode);
  }

  function picker(runs) {
    var panel = document.getElementById('picker');
    var box = S.el('div', null, 'controls');
    var label = S.el('label', 'run ');
    var select = document.createElement('select');
    select.id = 'run-select';
    runs.forEach(function (r, i) {
      var o = S.el('option', r.run + ' (' + r.workload + ' on ' + r.arch + ')');
      o.value = String(i);
      select.appendChild(o);
    });
    label.appendChild(select);
    box.appendChild(label);
    var modeLabel = S.el('label', 'show ');
    var mode = document.createElement('select');
    mode.id = 'mode-select';
    [['main', 'the run as specified'], ['dense', 'its dense baseline']].forEach(function (m) {
      var o = S.el('option', m[1]);
      o.value = m[0];
      mode.appendChild(o);
    });
    modeLabel.appendChild(mode);
    box.appendChild(modeLabel);
    var hint = S.el('span', 'timeline: drag the slider or scroll to zoom; hover a node for its cycles, tiles, bound and stalls', 'note');
    box.appendChild(hint);
    panel.appendChild(box);
    function sync() {
      state.run = Number(select.value);
      mode.disabled = !runs[state.run].dense;
      if (mode.disabled) {
        mode.value = 'main';
      }
      state.mode = mode.value;
      draw();
    }
    select.addEventListener('change', sync);
    mode.addEventListener('change', sync);
    mode.disabled = !runs[0].dense;
  }

  S.view = function (data) {
    picker(data.runs);
    draw();
  };
})();
