import { Button, Card, Col, Empty, Flex, Row, Switch, Typography } from 'antd';
import { useState } from 'react';
import type { Region, Unit } from '../../../domain/organization/organization.schemas.js';
import { useCan, useCurrentUser } from '../../app/auth.js';
import { useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { DistrictFormModal } from './DistrictFormModal.js';
import { useRegions, useUnits } from './organization.api.js';
import { organizationMessages } from './organization.messages.js';
import { RegionTree } from './RegionTree.js';
import { UnitFormModal } from './UnitFormModal.js';
import { UnitsTable } from './UnitsTable.js';

type Editing = { unit: Unit | null } | null;

export function UnitsPage() {
  const t = useT(organizationMessages);
  const user = useCurrentUser();
  const can = useCan();
  const canManage = can('organization.manage');
  const [districtId, setDistrictId] = useState<string | undefined>(user.district.id);
  const [showInactive, setShowInactive] = useState(true);
  const [editing, setEditing] = useState<Editing>(null);
  const [addingDistrict, setAddingDistrict] = useState(false);

  const regions = useRegions();
  const units = useUnits({ districtId, includeInactive: showInactive }, districtId !== undefined);

  if (regions.isError) return <ErrorResult error={regions.error} onRetry={() => void regions.refetch()} />;
  const allRegions: Region[] = regions.data ?? [];
  const districts = allRegions.filter((r) => r.kind === 'district');
  const cities = allRegions.filter((r) => r.kind === 'city');

  return (
    <Card
      title={t.title}
      extra={
        canManage ? (
          <Flex gap={8} wrap justify="end">
            <Button onClick={() => setAddingDistrict(true)}>{t.addDistrict}</Button>
            <Button type="primary" onClick={() => setEditing({ unit: null })}>
              {t.addUnit}
            </Button>
          </Flex>
        ) : null
      }
      styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={6}>
          <Typography.Text type="secondary">{t.regions}</Typography.Text>
          <RegionTree regions={allRegions} districtId={districtId} onSelect={setDistrictId} />
        </Col>
        <Col xs={24} lg={18}>
          <Flex justify="end" align="center" gap={8} style={{ marginBottom: 12 }}>
            <label htmlFor="units-show-inactive">{t.showInactive}</label>
            <Switch id="units-show-inactive" checked={showInactive} onChange={setShowInactive} size="small" />
          </Flex>
          {units.isError ? (
            <ErrorResult error={units.error} onRetry={() => void units.refetch()} />
          ) : districtId ? (
            <UnitsTable
              key={districtId}
              units={units.data ?? []}
              loading={units.isPending}
              canManage={canManage}
              onEdit={(unit) => setEditing({ unit })}
            />
          ) : (
            <Empty description={t.noDistrict} />
          )}
        </Col>
      </Row>
      {editing ? (
        <UnitFormModal
          unit={editing.unit}
          defaultDistrictId={districtId}
          districts={districts}
          onClose={(saved) => {
            setEditing(null);
            if (saved) setDistrictId(saved.districtId);
          }}
        />
      ) : null}
      {addingDistrict ? (
        <DistrictFormModal
          cities={cities}
          defaultCityId={user.city?.id}
          onClose={(created) => {
            setAddingDistrict(false);
            if (created) setDistrictId(created.id);
          }}
        />
      ) : null}
    </Card>
  );
}
