import { createHash } from "node:crypto";

/**
 * The one script of the HTML report: persona filter, lane toggles, collapsible stages (the button
 * in each stage header folds the stage's columns to one narrow labelled column; a link to a step
 * of a folded stage unfolds it) and a present mode
 * (one stage per screen, arrow keys). Without it (JavaScript off, print, PDF) the report shows
 * everything expanded and the controls stay hidden. It makes no request and reads nothing but the
 * page; the CSP allows it by its hash and nothing else. `cjm:update` (sent by `cjm serve` after it
 * swaps the page body) sets the new controls up.
 */
export const VIEWS_SCRIPT = `(()=>{
const W=200,C=44;
const init=()=>{
const box=document.querySelector(".cjm-views");
if(!box||box.dataset.ready)return;
box.dataset.ready="1";box.hidden=false;document.documentElement.classList.add("cjm-js");
const table=document.querySelector("table.grid"),svg=document.querySelector("svg.curve");
const heads=[...document.querySelectorAll("th.step-head")];
const stageOf=heads.map(h=>h.dataset.stage);
const stageIds=[...new Set(stageOf)];
const cols=table?[...table.querySelectorAll("col.step-col")]:[];
const collapsed=new Set();
let present=-1;
const orig=svg?{lines:[...svg.querySelectorAll("polyline")].map(p=>[p,p.getAttribute("points")]),marks:[...svg.querySelectorAll("[data-i]")].map(e=>{const a=e.hasAttribute("cx")?"cx":e.hasAttribute("x1")?"x1":"x";return[e,a,Number(e.getAttribute(a))]})}:null;
const layout=()=>{
const state=stageOf.map((s,i)=>present>=0?(s===stageIds[present]?"full":""):collapsed.has(s)?(stageOf.indexOf(s)===i?"narrow":""):"full");
const left=[];let x=0,n=0;
state.forEach((st,i)=>{left[i]=x;x+=st==="full"?W:st==="narrow"?C:0;if(st)n++});
if(table){
for(const row of table.rows){
const cells=[...row.cells].filter(c=>c.dataset.stage);
if(row.classList.contains("stages-row")||row.classList.contains("lane-goal")){for(const c of cells){const f=stageOf.indexOf(c.dataset.stage),st=f<0?"full":state[f];c.classList.toggle("cjm-off",!st);c.classList.toggle(c.classList.contains("stage-head")?"cjm-collapsed":"cjm-narrow",st==="narrow");c.colSpan=st==="narrow"?1:stageOf.filter(s=>s===c.dataset.stage).length}}
else if(cells.length===state.length)cells.forEach((c,i)=>{c.classList.toggle("cjm-off",!state[i]);c.classList.toggle("cjm-narrow",state[i]==="narrow")});
}
cols.forEach((c,i)=>{c.classList.toggle("cjm-off",!state[i]);c.style.width=state[i]==="narrow"?C+"px":"";c.classList.toggle("cjm-narrow-col",state[i]==="narrow")});
for(const el of table.querySelectorAll(".curve-cell,.visibility td"))el.colSpan=Math.max(1,n);
table.style.width=(150+x)+"px";
}
if(!orig)return;
const w=Math.max(1,x);
const move=v=>{const i=Math.floor(v/W);return state[i]==="full"?left[i]+(v-i*W):null};
svg.setAttribute("width",String(w));
svg.setAttribute("viewBox","0 0 "+w+" "+svg.viewBox.baseVal.height);
for(const g of svg.querySelectorAll("line.gridline"))g.setAttribute("x2",String(w));
for(const [p,pts] of orig.lines){const kept=pts.split(" ").map(pt=>pt.split(",").map(Number)).map(([a,b])=>[move(a),b]).filter(([a])=>a!==null);p.setAttribute("points",kept.map(([a,b])=>a+","+b).join(" "));p.classList.toggle("cjm-gone",kept.length<2)}
for(const [e,attr,v] of orig.marks){const i=Number(e.dataset.i);const to=attr==="x1"?(state[i]&&left[i]>0?left[i]:null):state[i]==="full"?left[i]+(v-i*W):null;e.classList.toggle("cjm-gone",to===null);if(to!==null){e.setAttribute(attr,String(to));if(attr==="x1")e.setAttribute("x2",String(to))}}
};
const persona=p=>{
for(const el of document.querySelectorAll("[data-persona]"))if(!el.closest(".cjm-views"))el.classList.toggle("cjm-off",p!==""&&el.dataset.persona!==p);
for(const h of heads)h.classList.toggle("cjm-dim",p!==""&&!(h.dataset.personas||"").split(" ").includes(p));
};
box.addEventListener("change",e=>{
const t=e.target;
if(t.name==="cjm-persona")persona(t.value);
else if(t.name==="cjm-lane")for(const r of document.querySelectorAll('tr[data-lane="'+t.value+'"]'))r.hidden=!t.checked;
});
for(const b of document.querySelectorAll(".cjm-stage-toggle"))b.hidden=false;
const fold=(s,shut)=>{
if(shut)collapsed.add(s);else collapsed.delete(s);
const b=table&&table.querySelector('th.stage-head[data-stage="'+s+'"] .cjm-stage-toggle');
if(b){b.setAttribute("aria-expanded",String(!shut));b.title=shut?b.dataset.expand:b.dataset.collapse}
layout();
};
if(table)table.addEventListener("click",e=>{
const b=e.target instanceof Element?e.target.closest(".cjm-stage-toggle"):null,th=b&&b.closest("th[data-stage]");
if(th)fold(th.dataset.stage,!collapsed.has(th.dataset.stage));
});
document.addEventListener("click",e=>{
const a=box.isConnected&&e.target instanceof Element?e.target.closest('a[href^="#"]'):null;
const to=a&&document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
const at=to&&to.closest("[data-stage]");
if(at&&collapsed.has(at.dataset.stage))fold(at.dataset.stage,false);
});
const toggle=box.querySelector(".cjm-present-toggle"),prev=box.querySelector(".cjm-prev"),next=box.querySelector(".cjm-next"),status=box.querySelector(".cjm-present-status");
const show=i=>{present=i;document.body.classList.toggle("cjm-present",i>=0);toggle.setAttribute("aria-pressed",String(i>=0));prev.hidden=next.hidden=i<0;
if(i>=0){prev.disabled=i===0;next.disabled=i===stageIds.length-1;const h=document.querySelector('th.stage-head[data-stage="'+stageIds[i]+'"] .stage-name');status.textContent=(i+1)+" / "+stageIds.length+(h?" \\u00b7 "+h.textContent:"")}else status.textContent="";
layout()};
toggle.addEventListener("click",()=>show(present>=0?-1:0));
prev.addEventListener("click",()=>present>0&&show(present-1));
next.addEventListener("click",()=>present<stageIds.length-1&&show(present+1));
document.addEventListener("keydown",e=>{if(!box.isConnected||present<0||e.altKey||e.ctrlKey||e.metaKey)return;
if(e.key==="ArrowRight"&&present<stageIds.length-1){show(present+1);e.preventDefault()}
else if(e.key==="ArrowLeft"&&present>0){show(present-1);e.preventDefault()}
else if(e.key==="Escape")show(-1)});
const checked=box.querySelector('input[name="cjm-persona"]:checked');if(checked)persona(checked.value);
for(const c of box.querySelectorAll('input[name="cjm-lane"]:not(:checked)'))for(const r of document.querySelectorAll('tr[data-lane="'+c.value+'"]'))r.hidden=true;
};
init();
document.addEventListener("cjm:update",init);
})();`;

export const VIEWS_SCRIPT_HASH = `sha256-${createHash("sha256").update(VIEWS_SCRIPT).digest("base64")}`;
