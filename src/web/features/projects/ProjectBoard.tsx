import { SwapOutlined } from '@ant-design/icons';
import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  MouseSensor,
  pointerWithin,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { App, Button, Card, Empty, Flex, Modal, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import {
  allowedMoves,
  describeMoveProblem,
  isMainStage,
  STAGE_LABELS,
  STAGES,
  type Stage,
} from '../../../domain/projects/stages.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { MoveProjectModal } from './MoveProjectModal.js';
import { moneyAuto } from './project-format.js';
import { useBoardColumn, useStageCounts } from './project-list.api.js';
import { projectListMessages } from './project-list.messages.js';
import type { FilterParams } from './project-list-query.js';
import { splitList } from './project-list-query.js';
import { useProject } from './projects.api.js';
import { StageTag } from './StageTag.js';

const legalTargets = (p: ProjectView): Stage[] =>
  allowedMoves({
    stage: p.stage,
    stageBeforeHold: isMainStage(p.stageBeforeHold) ? p.stageBeforeHold : null,
  });

/** The amount a card shows: what was signed, else what is planned (the same rule as the size filter). */
const cardAmount = (p: ProjectView) => moneyAuto(p.signedAmountYuan ?? p.plannedTotalYuan);

/**
 * 看板: one column per stage (暂缓 and 退库 included) under the list's filters. Dropping a card on another column
 * opens the same stage dialog as the project page, with that stage chosen, so the same checks run and what is
 * missing is asked for there; nothing moves until the dialog succeeds. A move the stage machine forbids is
 * refused at the drop with its reason.
 */
export function ProjectBoard(props: { filters: FilterParams; canWrite: boolean }) {
  const lang = useLang();
  const t = useT(projectListMessages);
  const { message } = App.useApp();
  const chosen = splitList(props.filters.stage);
  const stages = chosen.length > 0 ? STAGES.filter((s) => chosen.includes(s)) : STAGES;
  const { stage: _stage, ...columnFilters } = props.filters;
  const counts = useStageCounts(props.filters);
  const [dragging, setDragging] = useState<ProjectView | null>(null);
  const [moving, setMoving] = useState<{ id: string; target?: Stage } | null>(null);
  // A press-and-move starts a drag, so clicks on the card's link and button stay clicks; on a phone a long press.
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 6 } }),
  );

  const onDragStart = (e: DragStartEvent) =>
    setDragging((e.active.data.current?.project as ProjectView) ?? null);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const project = active.data.current?.project as ProjectView | undefined;
    const to = over?.id as Stage | undefined;
    if (!project || !to || to === project.stage) return;
    const allowed = legalTargets(project);
    if (!allowed.includes(to)) {
      void message.error(
        describeMoveProblem({ code: 'illegal_move', from: project.stage, to, allowed })[lang],
      );
      return;
    }
    setMoving({ id: project.id, target: to });
  };

  return (
    <>
      {props.canWrite ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t.dragHint}
        </Typography.Paragraph>
      ) : null}
      <DndContext
        sensors={sensors}
        // The column under the pointer is the target, however much of the card still overlaps its old column.
        collisionDetection={pointerWithin}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
      >
        <div
          data-testid="project-board"
          style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8, alignItems: 'flex-start' }}
        >
          {stages.map((stage) => (
            <BoardColumn
              key={stage}
              stage={stage}
              filters={columnFilters}
              count={counts.data?.counts[stage]}
              canWrite={props.canWrite}
              dragging={dragging}
              onMove={(p) => setMoving({ id: p.id })}
            />
          ))}
        </div>
        <DragOverlay dropAnimation={null}>
          {dragging ? <BoardCard project={dragging} canWrite={false} overlay /> : null}
        </DragOverlay>
      </DndContext>
      {moving ? (
        <BoardMoveDialog projectId={moving.id} target={moving.target} onClose={() => setMoving(null)} />
      ) : null}
    </>
  );
}

function BoardColumn(props: {
  stage: Stage;
  filters: FilterParams;
  count: number | undefined;
  canWrite: boolean;
  dragging: ProjectView | null;
  onMove: (p: ProjectView) => void;
}) {
  const { stage, dragging } = props;
  const lang = useLang();
  const t = useT(projectListMessages);
  const column = useBoardColumn(stage, props.filters);
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  const items = column.data?.pages.flatMap((p) => p.items) ?? [];
  // While a card is dragged, the columns it may not go to fade, and the one under it shows whether it may.
  const legal = !dragging || dragging.stage === stage || legalTargets(dragging).includes(stage);
  const border = isOver ? (legal ? '#1677ff' : '#ff4d4f') : 'transparent';

  return (
    <section
      ref={setNodeRef}
      aria-label={STAGE_LABELS[stage][lang]}
      data-testid={`board-column-${stage}`}
      style={{
        flex: '1 0 232px',
        maxWidth: 320,
        background: '#f5f5f5',
        borderRadius: 8,
        border: `2px dashed ${border}`,
        padding: 8,
        opacity: legal ? 1 : 0.45,
      }}
    >
      <Flex justify="space-between" align="center" style={{ padding: '4px 4px 8px' }}>
        <StageTag stage={stage} />
        <Typography.Text strong data-testid={`board-count-${stage}`}>
          {props.count ?? '…'}
        </Typography.Text>
      </Flex>
      {column.isError ? (
        <ErrorResult error={column.error} onRetry={() => void column.refetch()} />
      ) : column.isPending ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.columnEmpty} />
      ) : (
        <Flex vertical gap={8} style={{ maxHeight: 'calc(100vh - 330px)', minHeight: 80, overflowY: 'auto' }}>
          {items.map((p) => (
            <BoardCard key={p.id} project={p} canWrite={props.canWrite} onMove={() => props.onMove(p)} />
          ))}
          {column.hasNextPage ? (
            <Button block loading={column.isFetchingNextPage} onClick={() => void column.fetchNextPage()}>
              {t.loadMore}
            </Button>
          ) : null}
        </Flex>
      )}
    </section>
  );
}

function BoardCard(props: {
  project: ProjectView;
  canWrite: boolean;
  overlay?: boolean;
  onMove?: () => void;
}) {
  const { project: p } = props;
  const t = useT(projectListMessages);
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: p.id,
    data: { project: p },
    disabled: !props.canWrite || props.overlay,
  });
  return (
    <Card
      ref={props.overlay ? undefined : setNodeRef}
      size="small"
      data-testid="board-card"
      data-project-id={p.id}
      {...(props.overlay ? {} : listeners)}
      {...(props.overlay ? {} : attributes)}
      // The card is a drag handle for a mouse or a finger; keyboard users have the 移动 button, so it is no tab stop.
      tabIndex={-1}
      style={{
        cursor: props.canWrite ? 'grab' : undefined,
        opacity: isDragging ? 0.4 : 1,
        boxShadow: props.overlay ? '0 6px 16px rgba(0,0,0,0.18)' : undefined,
        touchAction: 'manipulation',
      }}
      styles={{ body: { padding: 10 } }}
    >
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
        {/* Not a native drag source: the browser's own link drag would take the pointer from the board. */}
        <Link to={`/projects/${p.id}`} draggable={false}>
          {p.name}
        </Link>
      </Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {p.unitName}
        {p.enterpriseName ? ` · ${p.enterpriseName}` : ''}
      </Typography.Text>
      <Flex justify="space-between" align="center" style={{ marginTop: 6 }}>
        <Typography.Text>{cardAmount(p)}</Typography.Text>
        {props.canWrite && !props.overlay ? (
          <Button
            size="small"
            type="link"
            icon={<SwapOutlined />}
            aria-label={t.moveCard(p.name)}
            onClick={props.onMove}
          >
            {t.move}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}

/** The project page's stage dialog, fed with the project as it is now (its version and files). */
function BoardMoveDialog(props: { projectId: string; target?: Stage; onClose: () => void }) {
  const detail = useProject(props.projectId);
  // Wait for a fresh copy once (a cached one could carry an old version and be refused as stale); after that the
  // dialog stays open while an upload inside it refreshes the project.
  const [ready, setReady] = useState(false);
  if (!ready && detail.data && !detail.isFetching) setReady(true);
  if (detail.isError) {
    return (
      <Modal open footer={null} onCancel={props.onClose}>
        <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />
      </Modal>
    );
  }
  if (!ready || !detail.data) return null;
  return (
    <MoveProjectModal
      project={detail.data.project}
      attachments={detail.data.attachments}
      initialTarget={props.target}
      onClose={props.onClose}
    />
  );
}
