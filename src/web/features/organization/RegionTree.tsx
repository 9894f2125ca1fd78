import { Tree, type TreeDataNode } from 'antd';
import type { Region } from '../../../domain/organization/organization.schemas.js';

function byOrder(a: Region, b: Region): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN');
}

function toTree(regions: Region[], parentId: string | null): TreeDataNode[] {
  const ids = new Set(regions.map((r) => r.id));
  return regions
    .filter((r) =>
      parentId === null ? r.parentId === null || !ids.has(r.parentId) : r.parentId === parentId,
    )
    .sort(byOrder)
    .map((r) => ({
      key: r.id,
      title: r.name,
      // Only districts own units; a city is a heading.
      selectable: r.kind === 'district',
      children: r.kind === 'city' ? toTree(regions, r.id) : undefined,
    }));
}

/** City → districts; choosing a district shows its units. */
export function RegionTree(props: {
  regions: Region[];
  districtId: string | undefined;
  onSelect: (id: string) => void;
}) {
  const treeData = toTree(props.regions, null);
  // Cities are always open: there are few districts, and a closed city hides the selected one.
  const cityKeys = props.regions.filter((r) => r.kind === 'city').map((r) => r.id);
  return (
    <Tree
      treeData={treeData}
      expandedKeys={cityKeys}
      switcherIcon={<span />}
      blockNode
      selectedKeys={props.districtId ? [props.districtId] : []}
      onSelect={(keys) => {
        const key = keys[0];
        if (typeof key === 'string') props.onSelect(key);
      }}
    />
  );
}
