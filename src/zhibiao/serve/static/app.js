/* zhibiao dashboard: charts, sortable tables, evidence highlights, upload drop zone.
   Data comes from <script type="application/json"> blocks; text is only ever set with
   textContent, and ECharts tooltips are built from escaped strings. */
(function () {
  "use strict";

  function json(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function esc(text) {
    return window.echarts ? window.echarts.format.encodeHTML(String(text)) : "";
  }

  function makeChart(el) {
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  function goTo(hrefs) {
    return function (p) { var href = hrefs[p.dataIndex]; if (href) { window.location.href = href; } };
  }

  /* compare: zones ranked by value (bars, left) beside their growth (bars, right) */
  function compareChart() {
    var el = document.getElementById("compare-chart");
    var d = json("compare-data");
    if (!el || !d || !window.echarts) { return; }
    el.style.height = Math.max(180, 34 * d.zones.length + 70) + "px";
    var chart = makeChart(el);
    var hasChange = d.changes.some(function (c) { return c !== null; });
    var split = hasChange ? "66%" : "92%";
    var grids = [{ left: 8, width: split, top: 16, bottom: 30, containLabel: true }];
    var xAxes = [{ type: "value", gridIndex: 0, name: d.unit, nameLocation: "middle", nameGap: 24 }];
    var yAxes = [{ type: "category", gridIndex: 0, data: d.zones, inverse: true,
                   axisLabel: { width: 150, overflow: "truncate" } }];
    var series = [{
      name: "数值", type: "bar", data: d.values, barMaxWidth: 26, itemStyle: { color: "#1f5fbf" },
      label: { show: true, position: "insideRight", color: "#fff",
               formatter: function (p) { return d.labels[p.dataIndex]; } }
    }];
    if (hasChange) {
      grids.push({ left: "74%", right: 40, top: 16, bottom: 30, containLabel: true });
      xAxes.push({ type: "value", gridIndex: 1, name: "同比 %", nameLocation: "middle", nameGap: 24 });
      yAxes.push({ type: "category", gridIndex: 1, data: d.zones, inverse: true, axisLabel: { show: false } });
      series.push({
        name: "同比 %", type: "bar", xAxisIndex: 1, yAxisIndex: 1, data: d.changes, barMaxWidth: 26,
        itemStyle: { color: "#ff9f43" },
        label: { show: true, position: "right", formatter: function (p) { return p.value === null ? "" : p.value + "%"; } }
      });
    }
    chart.setOption({
      animation: false,
      grid: grids, xAxis: xAxes, yAxis: yAxes, series: series,
      tooltip: {
        trigger: "axis", axisPointer: { type: "shadow" },
        formatter: function (items) {
          var i = items[0].dataIndex;
          var change = d.changes[i] === null ? "" : "<br>同比 " + esc(d.changes[i]) + "%";
          return esc(d.zones[i]) + "<br>" + esc(d.labels[i]) + change;
        }
      }
    });
    chart.on("click", goTo(d.hrefs));
  }

  /* zone: each indicator over its periods; project funnels by stage */
  function zoneCharts() {
    var charts = json("zone-charts") || [];
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var d = charts[Number(el.getAttribute("data-chart"))];
      if (!d || !window.echarts) { return; }
      var chart = makeChart(el);
      chart.setOption({
        animation: false,
        title: { text: d.title + (d.unit ? "（" + d.unit + "）" : ""), left: 8, top: 6,
                 textStyle: { fontSize: 14 } },
        grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
        tooltip: { trigger: "axis", formatter: function (items) {
          var i = items[0].dataIndex;
          var change = d.changes[i] === null ? "" : " · 同比 " + esc(d.changes[i]) + "%";
          return esc(d.periods[i]) + "<br>" + esc(d.labels[i]) + change;
        } },
        xAxis: { type: "category", data: d.periods },
        yAxis: { type: "value" },
        series: [{ type: "bar", data: d.values, barMaxWidth: 36, itemStyle: { color: "#1f5fbf" },
                   label: { show: d.values.length <= 6, position: "top",
                            formatter: function (p) { return d.labels[p.dataIndex]; } } }]
      });
      chart.on("click", goTo(d.hrefs));
    });
    var funnels = json("zone-funnels") || [];
    document.querySelectorAll("[data-funnel]").forEach(function (el) {
      var d = funnels[Number(el.getAttribute("data-funnel"))];
      if (!d || !window.echarts) { return; }
      var chart = makeChart(el);
      chart.setOption({
        animation: false,
        title: { text: "项目 · " + d.title, left: 8, top: 6, textStyle: { fontSize: 14 } },
        tooltip: { formatter: function (p) { return esc(d.stages[p.dataIndex]) + "<br>" + esc(d.labels[p.dataIndex]); } },
        series: [{ type: "funnel", top: 40, bottom: 10, left: "10%", width: "80%", sort: "none", minSize: "30%",
                   label: { position: "inside", color: "#fff",
                            formatter: function (p) { return d.stages[p.dataIndex] + " " + d.labels[p.dataIndex]; } },
                   data: d.stages.map(function (s, i) { return { name: s, value: d.values[i] }; }) }]
      });
      chart.on("click", goTo(d.hrefs));
    });
  }

  /* tables: click a header to sort by it (numbers by data-v, else by text) */
  function sortableTables() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      table.querySelectorAll("th[data-sort]").forEach(function (th) {
        th.setAttribute("tabindex", "0");
        function sort() {
          var numeric = th.getAttribute("data-sort") === "num";
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          table.querySelectorAll("th[aria-sort]").forEach(function (o) { o.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          var index = Array.prototype.indexOf.call(th.parentNode.children, th);
          rows.sort(function (a, b) {
            var x = a.cells[index], y = b.cells[index];
            var r;
            if (numeric) {
              var p = parseFloat(x.getAttribute("data-v")), q = parseFloat(y.getAttribute("data-v"));
              if (isNaN(p) && isNaN(q)) { r = 0; } else if (isNaN(p)) { return 1; } else if (isNaN(q)) { return -1; }
              else { r = p - q; }
            } else {
              r = x.textContent.trim().localeCompare(y.textContent.trim(), "zh-CN");
            }
            return ascending ? r : -r;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        }
        th.addEventListener("click", sort);
        th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
      });
    });
  }

  /* document: #fact-N marks that fact's evidence and its row, and shows it in the card */
  function factId(el) {
    var holder = el && el.closest ? el.closest("[data-fact]") : null;
    return holder ? holder.getAttribute("data-fact") : null;
  }

  function showCard(id) {
    var card = document.getElementById("fact-card");
    var row = document.getElementById("row-fact-" + id);
    var mark = document.getElementById("fact-" + id);
    if (!card || !row) { return; }
    card.textContent = "";
    var title = document.createElement("b");
    title.textContent = row.getAttribute("data-card") || "";
    card.appendChild(title);
    if (mark) {
      var quote = document.createElement("span");
      quote.textContent = "“" + mark.textContent + "”";
      card.appendChild(quote);
    }
    card.hidden = false;
  }

  function markTarget(scroll) {
    var m = /^#fact-(\d+)$/.exec(window.location.hash);
    document.querySelectorAll(".is-target").forEach(function (el) { el.classList.remove("is-target"); });
    if (!m) { return; }
    var id = m[1];
    document.querySelectorAll('mark[data-fact="' + id + '"]').forEach(function (el) { el.classList.add("is-target"); });
    var row = document.getElementById("row-fact-" + id);
    if (row) { row.classList.add("is-target"); }
    var first = document.getElementById("fact-" + id);
    if (first && scroll) { first.scrollIntoView({ block: "center" }); }
    showCard(id);
  }

  function selectFact(id) {
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#fact-" + id);
    } else {
      window.location.hash = "fact-" + id;
    }
    markTarget(false);
  }

  function documentPage() {
    var text = document.getElementById("report-text");
    if (!text) { return; }
    text.addEventListener("click", function (e) {
      var id = factId(e.target);
      if (id) { selectFact(id); }
    });
    text.addEventListener("keydown", function (e) {
      var id = e.key === "Enter" ? factId(e.target) : null;
      if (id) { selectFact(id); }
    });
    var table = document.getElementById("facts-table");
    if (table) {
      table.addEventListener("click", function (e) {
        var id = factId(e.target);
        if (!id) { return; }
        e.preventDefault();
        selectFact(id);
        var first = document.getElementById("fact-" + id);
        if (first) { first.scrollIntoView({ block: "center" }); }
      });
    }
    window.addEventListener("hashchange", function () { markTarget(true); });
    markTarget(true);
  }

  /* upload: drop a file on the zone; size checked before sending */
  function uploadForm() {
    var input = document.getElementById("upload-file");
    var note = document.getElementById("upload-note");
    if (!input) { return; }
    var zone = input.closest(".drop");
    var limit = 5 * 1024 * 1024;
    function check() {
      var file = input.files && input.files[0];
      if (!file) { note.textContent = ""; return; }
      note.textContent = file.size > limit ? file.name + " 超过 5 MB，无法上传" : "已选择 " + file.name;
      note.classList.toggle("error", file.size > limit);
    }
    input.addEventListener("change", check);
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("is-over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("is-over"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; check(); }
    });
    input.form.addEventListener("submit", function (e) {
      var file = input.files && input.files[0];
      if (file && file.size > limit) { e.preventDefault(); check(); }
    });
  }

  /* document: select a span of the report text to add a fact the extractor missed; the offsets
     are counted in code points, as Python counts them */
  function addFactForm() {
    var text = document.getElementById("report-text");
    var form = document.getElementById("add-form");
    if (!text || !form) { return; }
    function codePoints(s) { return Array.from(s).length; }
    function offset(node, at) {
      var range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(node, at);
      return codePoints(range.toString());
    }
    function pick() {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
      var r = sel.getRangeAt(0);
      if (!text.contains(r.startContainer) || !text.contains(r.endContainer)) { return; }
      var start = offset(r.startContainer, r.startOffset);
      var end = offset(r.endContainer, r.endOffset);
      if (end <= start) { return; }
      document.getElementById("add-start").value = String(start);
      document.getElementById("add-end").value = String(end);
      document.getElementById("add-quote").textContent = r.toString();
      document.getElementById("selection-note").textContent = "已选中原文第 " + start + "–" + end + " 字：";
      document.getElementById("add-submit").disabled = false;
    }
    text.addEventListener("mouseup", pick);
    text.addEventListener("keyup", pick);
  }

  /* targets: progress bars sized from data-width (the CSP allows no inline style attribute) */
  function progressBars() {
    document.querySelectorAll(".bar-fill[data-width]").forEach(function (el) {
      el.style.width = Number(el.getAttribute("data-width")) + "%";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    progressBars();
    sortableTables();
    documentPage();
    uploadForm();
    addFactForm();
    if (window.echarts) { compareChart(); zoneCharts(); }
  });
}());
