// Vietnam's administrative units from the static /data/units.json (no server needed), loaded once.
import { t } from './i18n.js';

let loading = null;
let index = null;

export function loadUnits() {
  if (!loading) {
    loading = fetch('/data/units.json').then((r) => {
      if (!r.ok) throw new Error(`units: ${r.status}`);
      return r.json();
    }).then((tree) => {
      index = new Map();
      for (const p of tree) {
        for (const d of p.districts) {
          for (const w of d.wards) index.set(w.code, { ward: w, district: d, province: p });
        }
      }
      return tree;
    });
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/** "Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội" once the units are loaded, else the code. */
export function wardLabel(code) {
  const hit = index && index.get(code);
  return hit ? `${hit.ward.name}, ${hit.district.name}, ${hit.province.name}` : code || '';
}

/** The province and district codes of a ward code, or null. */
export function parentsOf(code) {
  const hit = index && index.get(code);
  return hit ? { province: hit.province.code, district: hit.district.code } : null;
}

function fill(select, items, placeholder) {
  select.replaceChildren();
  const first = document.createElement('option');
  first.value = '';
  first.textContent = placeholder;
  select.append(first);
  for (const item of items) {
    const o = document.createElement('option');
    o.value = item.code;
    o.textContent = item.name;
    select.append(o);
  }
}

/**
 * Province → district → ward selects. The ward select carries the field's name (e.g. residence.wardCode);
 * the two others only narrow it down. Returns {set(wardCode)} to fill all three from a ward code.
 */
export function cascade(provinceSel, districtSel, wardSel) {
  let tree = [];
  const districtsOf = (code) => (tree.find((p) => p.code === code) || { districts: [] }).districts;
  const wardsOf = (pcode, dcode) => (districtsOf(pcode).find((d) => d.code === dcode) || { wards: [] }).wards;
  const onProvince = () => {
    fill(districtSel, districtsOf(provinceSel.value), t('choose'));
    districtSel.disabled = !provinceSel.value;
    onDistrict();
  };
  const onDistrict = () => {
    const wards = wardsOf(provinceSel.value, districtSel.value);
    fill(wardSel, wards, districtSel.value && wards.length === 0 ? t('noWards') : t('choose'));
    wardSel.disabled = !districtSel.value || wards.length === 0;
    wardSel.dispatchEvent(new Event('change', { bubbles: true }));
  };
  provinceSel.addEventListener('change', onProvince);
  districtSel.addEventListener('change', onDistrict);
  fill(provinceSel, [], t('loadingUnits'));
  provinceSel.disabled = true;
  districtSel.disabled = true;
  wardSel.disabled = true;
  const ready = loadUnits().then((loaded) => {
    tree = loaded;
    fill(provinceSel, tree, t('choose'));
    provinceSel.disabled = false;
    fill(districtSel, [], t('choose'));
    fill(wardSel, [], t('choose'));
  });
  return {
    ready,
    set(wardCode) {
      const parents = parentsOf(wardCode);
      if (!parents) return;
      provinceSel.value = parents.province;
      onProvince();
      districtSel.value = parents.district;
      onDistrict();
      wardSel.value = wardCode;
      wardSel.dispatchEvent(new Event('change', { bubbles: true }));
    },
    /** Chooses a province (when none is chosen yet), leaving its district and ward to choose. */
    suggestProvince(code) {
      if (provinceSel.value || !tree.some((p) => p.code === code)) return;
      provinceSel.value = code;
      onProvince();
    },
    relabel() {
      for (const sel of [provinceSel, districtSel, wardSel]) {
        const first = sel.options[0];
        if (first && first.value === '' && (tree.length || sel !== provinceSel)) {
          first.textContent = sel === wardSel && districtSel.value && sel.options.length === 1 ? t('noWards') : t('choose');
        }
      }
    },
  };
}
