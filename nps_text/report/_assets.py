"""The page's CSS and JavaScript, inlined into report.html (no file or network fetch at view time)."""
from __future__ import annotations

CSS = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans Hebrew",
"Apple Color Emoji","Segoe UI Emoji","Noto Color Emoji",sans-serif;margin:0 auto;max-width:1200px;color:#1f2328;
padding:0 1rem 3rem;line-height:1.45;overflow-wrap:break-word}
a{color:#1f5fa8}
h1{font-size:1.5rem;margin:1.2rem 0 .1rem}
h2{font-size:1.25rem;margin-top:2.4rem;border-bottom:2px solid #e8e8e8;padding-bottom:.3rem}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
.muted{color:#5f6368;font-size:.88rem}
.hero{display:grid;grid-template-columns:minmax(220px,1fr) 2fr;gap:1rem;margin-top:1rem}
.card{background:#f5f6f8;border-radius:10px;padding:.9rem 1.1rem}
.npsval{font-size:3rem;font-weight:700;line-height:1.05;white-space:nowrap}
.npsval small{font-size:1.1rem;font-weight:400;color:#5f6368}
.band{display:inline-block;border-radius:999px;padding:.05rem .6rem;font-size:.85rem;color:#fff;background:#777}
.band.excellent{background:#2e8b57}.band.good{background:#3b6ea8}.band.needs{background:#c9403a}
.groupbar svg{width:100%;height:16px;display:block;border-radius:4px;margin:.6rem 0 .3rem}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.88rem}
.legend i{display:inline-block;width:.75rem;height:.75rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
.up{color:#2e8b57;font-weight:600}.down{color:#c9403a;font-weight:600}
.card h3:first-child{margin-top:0}
.top3{margin:0;padding-inline-start:1.2rem}.top3 li{margin:.35rem 0}
.top3 q,.verb q{quotes:"\\00AB" "\\00BB"}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.howto{border-left:4px solid #3b6ea8;background:#f3f7fc;padding:.6rem 1rem;margin:1.2rem 0;border-radius:0 8px 8px 0}
.howto p{margin:.3rem 0}
nav.toc{font-size:.9rem;margin:1rem 0;display:flex;flex-wrap:wrap;gap:.2rem .9rem}
figure.chart{margin:1.2rem 0;padding:0}
figcaption{font-weight:600;margin-bottom:.4rem}
.hrow{display:grid;grid-template-columns:14rem minmax(0,1fr) 15rem;gap:.6rem;
align-items:center;padding:.12rem 0;border-bottom:1px solid #f0f0f0}
.hrow.total .hl{font-weight:600}
.hl{min-width:0}
.hbar{width:100%;height:16px;display:block}
.hv{font-variant-numeric:tabular-nums;font-size:.9rem;min-width:0}
.axis{text-align:center;margin-bottom:.2rem}
.chart-svg{width:100%;height:auto;display:block;max-width:900px}
.scroll{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch}
.scroll .chart-svg{min-width:520px}
svg text{font-family:inherit}
.tick{font-size:11px;fill:#5f6368}.axis-label{font-size:12px;fill:#3c4043}
.blabel{font-size:11px;fill:#1f2328}.cell{font-size:10px;fill:#1f2328}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.4rem 0}
th,td{border-bottom:1px solid #e5e5e5;padding:.35rem .5rem;text-align:start;vertical-align:top}
th{background:#fafafa;white-space:nowrap}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th[aria-sort=ascending]::after{content:" \\25B2";font-size:.7em}
table.sortable th[aria-sort=descending]::after{content:" \\25BC";font-size:.7em}
td.tl{min-width:9rem}
td.num{text-align:end;white-space:nowrap;font-variant-numeric:tabular-nums}
.scroll>table{min-width:640px}
.tag{border-radius:4px;padding:0 .35rem;font-size:.8rem;color:#fff;white-space:nowrap}
.tag.driver{background:#2e8b57}.tag.barrier{background:#c9403a}.tag.neutral{background:#888}
.tfilter,.vf select{font:inherit;padding:.25rem .45rem;border:1px solid #ccc;border-radius:6px;max-width:100%}
.tfilter{width:16rem}
details.theme{border:1px solid #e3e3e3;border-radius:8px;margin:.5rem 0;padding:.3rem .8rem}
details.theme>summary{cursor:pointer;font-weight:600;padding:.3rem 0}
details.theme>summary .muted{font-weight:400}
details.theme:target{border-color:#3b6ea8;box-shadow:0 0 0 2px #cfe0f5}
.vf{display:flex;flex-wrap:wrap;gap:.5rem;margin:.4rem 0}
ul.verb{list-style:none;padding:0;margin:.3rem 0}
ul.verb li{padding:.35rem 0;border-bottom:1px dashed #e5e5e5}
ul.verb q{unicode-bidi:plaintext}
mark{background:#fff1a8;padding:0 .1rem;border-radius:2px}
.score{display:inline-block;min-width:1.6rem;text-align:center;border-radius:4px;color:#fff;font-size:.8rem;
margin-inline-end:.4rem}
.score.promoter{background:#2e8b57}.score.passive{background:#8a9096}.score.detractor{background:#c9403a}
.empty{display:none}
@media (max-width:700px){
 .hero,.cols{grid-template-columns:1fr}
 .hrow{grid-template-columns:minmax(0,1fr) 10rem}
 .hrow .hl{grid-column:1/-1}
 .npsval{font-size:2.4rem}
 .tfilter{width:100%}
 body{padding:0 .7rem 2rem}
}
@media print{
 body{max-width:none;padding:0;font-size:10.5pt}
 nav.toc,.vf,.tfilter,.noprint{display:none!important}
 details.theme{break-inside:avoid-page}
 details.theme::details-content{content-visibility:visible;display:contents}
 figure.chart,.card,.hrow,tr{break-inside:avoid}
 h2{break-after:avoid}
 .scroll{overflow:visible}
 .scroll>table{min-width:0}
 table{font-size:8.5pt}
 .hrow{grid-template-columns:11rem minmax(0,1fr) 12rem}
 a{color:inherit;text-decoration:none}
}
"""

JS = """
(function(){
 'use strict';
 var data = JSON.parse(document.getElementById('nps-data').textContent);
 function num(td){var v=td.getAttribute('data-v');if(v===null||v==='')return null;var f=parseFloat(v);
  return isNaN(f)?null:f;}
 document.querySelectorAll('table.sortable').forEach(function(table){
  var heads=table.querySelectorAll('thead th');
  heads.forEach(function(th,idx){
   th.setAttribute('tabindex','0');
   function sort(){
    var dir=th.getAttribute('aria-sort')==='descending'?'ascending':'descending';
    heads.forEach(function(h){h.removeAttribute('aria-sort');});
    th.setAttribute('aria-sort',dir);
    var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(a,b){
     var ca=a.cells[idx],cb=b.cells[idx];if(!ca||!cb)return 0;
     var x=num(ca),y=num(cb),r;
     if(x!==null&&y!==null){r=x-y;}
     else if(x!==null){r=1;}else if(y!==null){r=-1;}
     else{r=ca.textContent.localeCompare(cb.textContent);}
     return dir==='ascending'?r:-r;});
    rows.forEach(function(r){body.appendChild(r);});
   }
   th.addEventListener('click',sort);
   th.addEventListener('keydown',function(e){if(e.key==='Enter'){sort();}});
  });
 });
 document.querySelectorAll('input.tfilter').forEach(function(input){
  var table=document.getElementById(input.getAttribute('data-for'));if(!table)return;
  input.addEventListener('input',function(){
   var q=input.value.toLowerCase();
   Array.prototype.forEach.call(table.tBodies[0].rows,function(r){
    r.style.display=(!q||r.textContent.toLowerCase().indexOf(q)>=0)?'':'none';});
  });
 });
 document.querySelectorAll('.vf').forEach(function(box){
  var list=document.getElementById(box.getAttribute('data-for'));if(!list)return;
  var grp=box.querySelector('select.vgroup'),seg=box.querySelector('select.vseg');
  var present={};
  list.querySelectorAll('li').forEach(function(li){
   JSON.parse(li.getAttribute('data-seg')||'[]').forEach(function(s){present[s]=true;});});
  data.segments.forEach(function(s){
   if(!present[s])return;
   var o=document.createElement('option');o.value=s;o.textContent=s;seg.appendChild(o);});
  if(seg.options.length<2){seg.style.display='none';}
  var empty=box.parentNode.querySelector('.empty');
  function apply(){
   var g=grp.value,s=seg.value,shown=0;
   list.querySelectorAll('li').forEach(function(li){
    var ok=(!g||li.getAttribute('data-group')===g)&&
     (!s||JSON.parse(li.getAttribute('data-seg')||'[]').indexOf(s)>=0);
    li.style.display=ok?'':'none';if(ok)shown++;});
   if(empty)empty.style.display=shown?'none':'block';
  }
  grp.addEventListener('change',apply);seg.addEventListener('change',apply);
 });
 function openDetails(hash){
  var id=decodeURIComponent(hash.slice(1));if(!id)return;
  var el=document.getElementById(id);if(el&&el.tagName==='DETAILS'){el.open=true;}
 }
 function openTarget(){openDetails(location.hash);}
 window.addEventListener('hashchange',openTarget);openTarget();
 // a link to a drill-down opens it at once: hashchange is queued and some browsers fire it after the click returns
 document.addEventListener('click',function(e){
  var a=e.target.closest?e.target.closest('a[href^="#"]'):null;if(a)openDetails(a.getAttribute('href'));
 });
 window.addEventListener('beforeprint',function(){
  document.querySelectorAll('details').forEach(function(d){d.open=true;});});
})();
"""
