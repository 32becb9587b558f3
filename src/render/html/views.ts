import { createHash } from "node:crypto";

/**
 * The one script of the HTML report: persona filter, lane toggles, stages shown or hidden, and a
 * present mode (one stage per screen, arrow keys). Without it (JavaScript off, print, PDF) the
 * report shows everything and the controls stay hidden. It makes no request and reads nothing but
 * the page; the CSP allows it by its hash and nothing else. `cjm:update` (sent by `cjm serve` after
 * it swaps the page body) sets the new controls up.
 */
export const VIEWS_SCRIPT = `(()=>{
const W=200;
const init=()=>{
const box=document.querySelector(".cjm-views");
if(!box||box.dataset.ready)return;
box.dataset.ready="1";box.hidden=false;document.documentElement.classList.add("cjm-js");
const table=document.querySelector("table.grid"),svg=document.querySelector("svg.curve");
const heads=[...document.querySelectorAll("th.step-head")];
const stageOf=heads.map(h=>h.dataset.stage);
const stageIds=[...new Set(stageOf)];
const shown=new Set(stageIds);
let present=-1;
const orig=svg?{w:svg.getAttribute("width"),lines:[...svg.querySelectorAll("polyline")].map(p=>[p,p.getAttribute("points")]),marks:[...svg.querySelectorAll("[data-i]")].map(e=>[e,e.hasAttribute("cx")?"cx":e.hasAttribute("x1")?"x1":"x",Number(e.getAttribute(e.hasAttribute("cx")?"cx":e.hasAttribute("x1")?"x1":"x"))])}:null;
const layout=()=>{
const visible=present>=0?new Set([stageIds[present]]):shown;
const at=[];let n=0;
stageOf.forEach((s,i)=>{at[i]=visible.has(s)?n++:-1});
for(const el of document.querySelectorAll("[data-stage]"))if(!el.closest(".cjm-views"))el.classList.toggle("cjm-off",!visible.has(el.dataset.stage));
for(const el of document.querySelectorAll(".curve-cell,.visibility td"))el.colSpan=Math.max(1,n);
if(table)table.style.width=(150+W*n)+"px";
if(!orig)return;
const move=x=>{const i=Math.floor(x/W);return at[i]===undefined||at[i]<0?null:at[i]*W+(x-i*W)};
svg.setAttribute("width",String(Math.max(1,n)*W));
svg.setAttribute("viewBox","0 0 "+Math.max(1,n)*W+" "+svg.viewBox.baseVal.height);
for(const g of svg.querySelectorAll("line.gridline"))g.setAttribute("x2",String(Math.max(1,n)*W));
for(const [p,pts] of orig.lines){const kept=pts.split(" ").map(pt=>pt.split(",").map(Number)).map(([x,y])=>[move(x),y]).filter(([x])=>x!==null);p.setAttribute("points",kept.map(([x,y])=>x+","+y).join(" "));p.classList.toggle("cjm-gone",kept.length<2)}
for(const [e,attr,x] of orig.marks){const i=Number(e.dataset.i);const to=at[i]>=0?at[i]*W+(x-i*W):null;e.classList.toggle("cjm-gone",to===null||(attr==="x1"&&at[i]===0));if(to!==null){e.setAttribute(attr,String(to));if(attr==="x1")e.setAttribute("x2",String(to))}}
};
const persona=p=>{
for(const el of document.querySelectorAll("[data-persona]"))if(!el.closest(".cjm-views"))el.classList.toggle("cjm-off",p!==""&&el.dataset.persona!==p);
for(const h of heads)h.classList.toggle("cjm-dim",p!==""&&!(h.dataset.personas||"").split(" ").includes(p));
};
box.addEventListener("change",e=>{
const t=e.target;
if(t.name==="cjm-persona")persona(t.value);
else if(t.name==="cjm-lane")for(const r of document.querySelectorAll('tr[data-lane="'+t.value+'"]'))r.hidden=!t.checked;
else if(t.name==="cjm-stage"){if(t.checked)shown.add(t.value);else shown.delete(t.value);layout()}
});
const toggle=box.querySelector(".cjm-present-toggle"),prev=box.querySelector(".cjm-prev"),next=box.querySelector(".cjm-next"),status=box.querySelector(".cjm-present-status");
const show=i=>{present=i;document.body.classList.toggle("cjm-present",i>=0);toggle.setAttribute("aria-pressed",String(i>=0));prev.hidden=next.hidden=i<0;
if(i>=0){prev.disabled=i===0;next.disabled=i===stageIds.length-1;const h=document.querySelector('th.stage-head[data-stage="'+stageIds[i]+'"]');status.textContent=(i+1)+" / "+stageIds.length+(h?" \\u00b7 "+h.textContent:"")}else status.textContent="";
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
